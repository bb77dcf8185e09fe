import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EmbeddedSystem } from '@academy/embedded';
import { exportJWK, exportSPKI, generateKeyPair, type JWK, type KeyLike, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, failure, gql, hsToken, recordEvents, startAuthSystem, watchPrincipals } from './support/auth-system';

const ISSUER = 'https://idp.academy.test';
const AUDIENCE = 'academy-api';
const WHO = '{ tenant(slug: "acme") { slug } }';

interface SigningKey {
  kid: string;
  alg: 'RS256' | 'ES256' | 'EdDSA';
  privateKey: KeyLike;
  jwk: JWK;
  publicPem: string;
}

async function signingKey(kid: string, alg: SigningKey['alg']): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true, crv: alg === 'EdDSA' ? 'Ed25519' : undefined });
  return { kid, alg, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' }, publicPem: await exportSPKI(publicKey) };
}

/** The identity provider's JWKS endpoint, under the test's control (rotation = changing `published`). */
function startJwksServer(published: () => SigningKey[]): Promise<{ url: string; fetches: () => number; server: Server }> {
  let fetches = 0;
  const server = createServer((_req, res) => {
    fetches++;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ keys: published().map((k) => k.jwk) }));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`, fetches: () => fetches, server })));
}

interface Claims {
  tenant?: string;
  iss?: string;
  aud?: string;
  exp?: number;
  nbf?: number;
  roles?: string[];
}

function idpToken(key: SigningKey, { tenant = 'acme', iss = ISSUER, aud = AUDIENCE, exp, nbf, roles = ['learner'] }: Claims = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const jwt = new SignJWT({ tenant, roles })
    .setProtectedHeader({ alg: key.alg, kid: key.kid })
    .setSubject('learner-1')
    .setIssuer(iss)
    .setAudience(aud)
    .setIssuedAt()
    .setExpirationTime(exp ?? now + 600);
  if (nbf !== undefined) jwt.setNotBefore(nbf);
  return jwt.sign(key.privateKey);
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

let system: EmbeddedSystem;
let jwks: Awaited<ReturnType<typeof startJwksServer>>;
let rsa: SigningKey;
let ec: SigningKey;
let ed: SigningKey;
let rotated: SigningKey;
let published: SigningKey[];

beforeAll(async () => {
  [rsa, ec, ed, rotated] = await Promise.all([signingKey('rsa-1', 'RS256'), signingKey('ec-1', 'ES256'), signingKey('ed-1', 'EdDSA'), signingKey('rsa-2', 'RS256')]);
  published = [rsa, ec, ed];
  jwks = await startJwksServer(() => published);
  system = await startAuthSystem({
    JWT_JWKS_URLS: jwks.url,
    JWT_ISSUER: ISSUER,
    JWT_AUDIENCE: AUDIENCE,
    // Every unknown kid may refetch at once, so the rotation below is seen by the very next request.
    JWT_JWKS_COOLDOWN_SECONDS: '0',
  });
});

afterAll(async () => {
  await system?.close();
  jwks?.server.close();
});

describe('JWT authentication through the gateway', () => {
  it('accepts RS256, ES256 and EdDSA tokens from the JWKS, and the token’s tenant claim supplies the tenant', async () => {
    const principals = watchPrincipals(system, 'tenancy');
    for (const key of [rsa, ec, ed]) {
      const reply = await gql(system, WHO, {}, bearer(await idpToken(key)));
      expect(reply.body, key.alg).toMatchObject({ data: { tenant: { slug: 'acme' } } });
    }
    principals.stop();
    expect(principals.seen.at(-1)).toMatchObject({ amr: 'jwt', sub: 'learner-1', ten: system.demoTenants.acme, plan: 'PRO', roles: ['learner'] });
  });

  it.each([
    ['alg none', async () => `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: 'x', tenant: 'acme', exp: 9_999_999_999 })}.`, 'algorithm_not_allowed'],
    ['HS256 "signed" with the RSA public key as the secret', async () => new SignJWT({ tenant: 'acme', roles: ['platform_admin'] }).setProtectedHeader({ alg: 'HS256', kid: rsa.kid }).setSubject('x').setIssuer(ISSUER).setAudience(AUDIENCE).setExpirationTime('10m').sign(new TextEncoder().encode(rsa.publicPem)), 'bad_signature'],
    ['expired beyond the clock tolerance', async () => idpToken(rsa, { exp: Math.floor(Date.now() / 1000) - 120 }), 'token_expired'],
    ['not yet valid', async () => idpToken(rsa, { nbf: Math.floor(Date.now() / 1000) + 600 }), 'token_not_yet_valid'],
    ['from another issuer', async () => idpToken(rsa, { iss: 'https://evil.example' }), 'wrong_issuer'],
    ['for another audience', async () => idpToken(rsa, { aud: 'another-api' }), 'wrong_audience'],
    ['with a tampered payload', async () => {
      const [header, , signature] = (await idpToken(rsa)).split('.');
      return `${header}.${b64({ sub: 'learner-1', tenant: 'acme', roles: ['platform_admin'], iss: ISSUER, aud: AUDIENCE, exp: 9_999_999_999 })}.${signature}`;
    }, 'bad_signature'],
    ['that is not a JWT at all', async () => 'not-a-token', 'malformed_token'],
  ])('refuses a token %s with 401 UNAUTHENTICATED', async (_name, token, reason) => {
    const reply = await gql(system, WHO, {}, bearer(await token()));
    expect(failure(reply)).toEqual({ status: 401, code: 'UNAUTHENTICATED', reason });
    expect(reply.body.data ?? null).toBeNull();
  });

  it('refuses an unknown kid, then accepts it once the JWKS publishes the rotated key, without a restart', async () => {
    const token = await idpToken(rotated);
    expect(failure(await gql(system, WHO, {}, bearer(token)))).toEqual({ status: 401, code: 'UNAUTHENTICATED', reason: 'unknown_key' });
    const before = jwks.fetches();
    published = [rotated, rsa, ec, ed];
    const reply = await gql(system, WHO, {}, bearer(token));
    expect(reply.body).toMatchObject({ data: { tenant: { slug: 'acme' } } });
    expect(jwks.fetches()).toBeGreaterThan(before);
  });

  it('refuses a token for another tenant than the request names with 403 TENANT_MISMATCH', async () => {
    const token = await idpToken(rsa, { tenant: 'globex' });
    expect(failure(await gql(system, WHO, {}, { ...bearer(token), 'x-tenant-id': 'acme' }))).toEqual({ status: 403, code: 'TENANT_MISMATCH', reason: undefined });
    expect(failure(await gql(system, WHO, {}, bearer(token), '/t/acme/graphql'))).toMatchObject({ status: 403, code: 'TENANT_MISMATCH' });
    // By id as well as by slug.
    const byId = await idpToken(rsa, { tenant: system.demoTenants.acme });
    expect((await gql(system, WHO, {}, { ...bearer(byId), 'x-tenant-id': 'acme' })).status).toBe(200);
  });

  it('lets a token naming no tenant act in a named tenant only as a platform admin', async () => {
    // HS256 tokens go through the same issuer and audience checks as the identity provider's.
    const learner = await hsToken({ roles: ['learner'], iss: ISSUER, aud: AUDIENCE });
    expect(failure(await gql(system, WHO, {}, { ...bearer(learner), 'x-tenant-id': 'acme' }))).toMatchObject({ status: 403, code: 'TENANT_MISMATCH' });
    const admin = await hsToken({ roles: ['platform_admin'], iss: ISSUER, aud: AUDIENCE });
    expect((await gql(system, WHO, {}, { ...bearer(admin), 'x-tenant-id': 'acme' })).body).toMatchObject({ data: { tenant: { slug: 'acme' } } });
  });

  it('refuses a token whose tenant does not exist with 404 TENANT_NOT_FOUND', async () => {
    const token = await idpToken(rsa, { tenant: 'no-such-tenant' });
    expect(failure(await gql(system, WHO, {}, bearer(token)))).toMatchObject({ status: 404, code: 'TENANT_NOT_FOUND' });
  });

  it('records every refused credential as an audit.recorded event, without the token', async () => {
    const recorder = await recordEvents(system, ['audit.recorded']);
    const token = await idpToken(rsa, { exp: Math.floor(Date.now() / 1000) - 120 });
    await gql(system, WHO, {}, { ...bearer(token), 'x-request-id': 'audit-jwt-1' });
    await new Promise((resolve) => setTimeout(resolve, 100));
    await recorder.stop();
    const event = recorder.events.find((e) => (e.payload as { requestId?: string }).requestId === 'audit-jwt-1');
    expect(event?.payload).toMatchObject({
      actor: 'learner-1',
      authMethod: 'jwt',
      action: 'authenticate',
      outcome: 'failure',
      reason: 'token_expired',
      target: 'POST /graphql',
    });
    expect(JSON.stringify(event)).not.toContain(token.split('.')[2]);
  });
});
