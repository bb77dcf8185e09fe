import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLogger } from '@academy/service-kit';
import { exportJWK, exportSPKI, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJwtVerifier, type JwtVerifierOptions } from './jwt-verifier';

const SECRET = 'unit-test-hs256-secret-with-32-plus-chars';
const claims = { tenant: 'tenant', roles: 'roles', scope: 'scope' };
const logger = createLogger({ service: 'jwt-spec', level: 'silent' });
const hs = (payload: Record<string, unknown>, secret = SECRET) =>
  new SignJWT(payload).setProtectedHeader({ alg: 'HS256' }).setSubject('ana').setExpirationTime('5m').sign(new TextEncoder().encode(secret));

async function reasonOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    const extensions = (error as { extensions?: Record<string, unknown> }).extensions;
    return extensions?.reason ?? extensions?.code;
  }
  throw new Error('expected a refusal');
}

let server: Server;
let jwksUrl: string;
let rs: Awaited<ReturnType<typeof generateKeyPair>>;

beforeAll(async () => {
  rs = await generateKeyPair('RS256', { extractable: true });
  const jwk = { ...(await exportJWK(rs.publicKey)), kid: 'rs-1', alg: 'RS256' };
  server = createServer((_req, res) => res.end(JSON.stringify({ keys: [jwk] })));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks`;
});

afterAll(() => server?.close());

const verifier = (overrides: Partial<JwtVerifierOptions> = {}) =>
  createJwtVerifier({ algorithms: ['HS256', 'RS256'], hs256Secret: SECRET, jwksUrls: [jwksUrl], claims, logger, ...overrides });

describe('createJwtVerifier', () => {
  it('reads subject, roles, scopes and tenant (arrays or space-separated strings)', async () => {
    await expect(verifier().verify(await hs({ tenant: 'acme', roles: ['learner', 'instructor'], scope: 'progress:read standards:read' }))).resolves.toEqual({
      subject: 'ana',
      roles: ['learner', 'instructor'],
      scopes: ['progress:read', 'standards:read'],
      tenant: 'acme',
    });
    await expect(verifier().verify(await hs({ roles: 'learner', scope: ['a', 'b'] }))).resolves.toMatchObject({ roles: ['learner'], scopes: ['a', 'b'], tenant: null });
    const custom = verifier({ claims: { tenant: 'https://academy.mx/tenant', roles: 'groups', scope: 'scp' } });
    await expect(custom.verify(await hs({ 'https://academy.mx/tenant': 'acme', groups: ['tenant_admin'] }))).resolves.toMatchObject({ tenant: 'acme', roles: ['tenant_admin'] });
  });

  it('never verifies an HS256 token with the JWKS public key, nor without a configured secret', async () => {
    const confused = await hs({ tenant: 'acme' }, await exportSPKI(rs.publicKey));
    expect(await reasonOf(verifier().verify(confused))).toBe('bad_signature');
    expect(await reasonOf(verifier({ hs256Secret: null }).verify(await hs({})))).toBe('algorithm_not_allowed');
    expect(await reasonOf(verifier({ algorithms: ['RS256'] }).verify(await hs({})))).toBe('algorithm_not_allowed');
  });

  it('refuses tokens without an expiry or subject, and wrongly typed claims', async () => {
    const noExp = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject('ana').sign(new TextEncoder().encode(SECRET));
    expect(await reasonOf(verifier().verify(noExp))).toBe('invalid_claim');
    const noSub = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setExpirationTime('5m').sign(new TextEncoder().encode(SECRET));
    expect(await reasonOf(verifier().verify(noSub))).toBe('invalid_claim');
    expect(await reasonOf(verifier().verify(await hs({ tenant: 42 })))).toBe('invalid_claim');
    expect(await reasonOf(verifier().verify(await hs({ roles: [1, 2] })))).toBe('invalid_claim');
  });

  it('accepts a token within the clock tolerance and refuses one beyond it', async () => {
    const now = Math.floor(Date.now() / 1000);
    const expiredBy = (seconds: number) => new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject('ana').setExpirationTime(now - seconds).sign(new TextEncoder().encode(SECRET));
    await expect(verifier({ clockToleranceSeconds: 30 }).verify(await expiredBy(10))).resolves.toMatchObject({ subject: 'ana' });
    expect(await reasonOf(verifier({ clockToleranceSeconds: 30 }).verify(await expiredBy(60)))).toBe('token_expired');
  });

  it('remembers a verified token only until it expires', async () => {
    const cached = verifier({ clockToleranceSeconds: 0 });
    const exp = Math.floor(Date.now() / 1000) + 2;
    const expiresSoon = await new SignJWT({ roles: ['learner'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('ana')
      .setExpirationTime(exp)
      .sign(new TextEncoder().encode(SECRET));
    const first = await cached.verify(expiresSoon);
    expect(await cached.verify(expiresSoon)).toBe(first);
    expect(Object.isFrozen(first.roles)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, exp * 1000 - Date.now() + 50));
    expect(await reasonOf(cached.verify(expiresSoon))).toBe('token_expired');
  });

  it('verifies RS256 through the JWKS, and says so when no key set can be fetched', async () => {
    const token = await new SignJWT({}).setProtectedHeader({ alg: 'RS256', kid: 'rs-1' }).setSubject('ana').setExpirationTime('5m').sign(rs.privateKey);
    await expect(verifier().verify(token)).resolves.toMatchObject({ subject: 'ana' });
    expect(await reasonOf(verifier({ jwksUrls: ['http://127.0.0.1:1/jwks'] }).verify(token))).toBe('AUTHENTICATION_UNAVAILABLE');
    // A dead key set does not hide a live one that holds the key.
    await expect(verifier({ jwksUrls: ['http://127.0.0.1:1/jwks', jwksUrl] }).verify(token)).resolves.toMatchObject({ subject: 'ana' });
  });
});
