import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Gateway } from '../src';
import { createFixture, type Fixture } from './support/gateways';
import { post } from './support/http';

const SECRET = 'gateway-suite-hs256-secret-0123456789';
const token = (claims: Record<string, unknown>, expiresIn = '5m') =>
  new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setSubject('ana').setExpirationTime(expiresIn).sign(new TextEncoder().encode(SECRET));
const USERS = { query: '{ users { id } }' };

let fixture: Fixture;
let open: Gateway;
let pinned: Gateway;

beforeAll(async () => {
  fixture = await createFixture();
  open = await fixture.start({ NODE_ENV: 'test', JWT_HS256_SECRET: SECRET });
  pinned = await fixture.start({ NODE_ENV: 'test', JWT_HS256_SECRET: SECRET, SINGLE_TENANT_ID: 'tenant-1' });
});

afterAll(() => fixture?.close());

/** The principal the users subgraph verified for the last call. */
function lastPrincipal() {
  return fixture.subgraphs.users.calls.at(-1)?.principal;
}

describe('single-tenant mode (the default): any supergraph, no tenant lookups', () => {
  it('serves anonymous callers, with SINGLE_TENANT_ID as every principal’s tenant', async () => {
    expect((await post(open.graphqlUrl, USERS)).status).toBe(200);
    expect(lastPrincipal()).toMatchObject({ authMethod: 'anonymous', tenantId: null, subject: null });
    expect((await post(pinned.graphqlUrl, USERS)).status).toBe(200);
    expect(lastPrincipal()).toMatchObject({ authMethod: 'anonymous', tenantId: 'tenant-1' });
  });

  it('authenticates JWTs and forwards their subject, roles and scopes', async () => {
    const reply = await post(open.graphqlUrl, USERS, { authorization: `Bearer ${await token({ tenant: 'acme', roles: ['learner'], scope: 'progress:read' })}` });
    expect(reply.status).toBe(200);
    expect(lastPrincipal()).toMatchObject({ authMethod: 'jwt', subject: 'ana', roles: ['learner'], scopes: ['progress:read'], tenantId: 'acme' });
  });

  it('refuses a token for another tenant than SINGLE_TENANT_ID', async () => {
    const reply = await post(pinned.graphqlUrl, USERS, { authorization: `Bearer ${await token({ tenant: 'tenant-2' })}` });
    expect(reply.status).toBe(403);
    expect(reply.json.errors[0].extensions.code).toBe('TENANT_MISMATCH');
    expect((await post(pinned.graphqlUrl, USERS, { authorization: `Bearer ${await token({ tenant: 'tenant-1' })}` })).status).toBe(200);
  });

  it('refuses credentials it cannot check instead of treating the caller as anonymous', async () => {
    const expired = await post(open.graphqlUrl, USERS, { authorization: `Bearer ${await token({}, '-2m')}` });
    expect([expired.status, expired.json.errors[0].extensions]).toEqual([401, { code: 'UNAUTHENTICATED', reason: 'token_expired' }]);
    const apiKey = await post(open.graphqlUrl, USERS, { 'x-api-key': `acad_abcdefgh2345_${'A'.repeat(43)}` });
    expect([apiKey.status, apiKey.json.errors[0].extensions.reason]).toEqual([401, 'api_keys_not_accepted']);
    const production = await fixture.start({ NODE_ENV: 'production', CONTEXT_TOKEN_PRIVATE_KEY: fixture.pems.privatePem, CONTEXT_TOKEN_PUBLIC_KEY: fixture.pems.publicPem });
    const noSecret = await post(production.graphqlUrl, USERS, { authorization: `Bearer ${await token({})}` });
    expect([noSecret.status, noSecret.json.errors[0].extensions.reason]).toEqual([401, 'jwt_not_accepted']);
  });

  it('serves no /t/<slug>/graphql paths', async () => {
    expect((await post(`${open.url}/t/acme/graphql`, USERS)).status).toBe(404);
  });

  it('refuses multi-tenant mode in front of a supergraph without a tenancy subgraph', async () => {
    await expect(fixture.start({ NODE_ENV: 'test', TENANCY_MODE: 'multi' })).rejects.toThrow(/TENANCY_MODE=multi .* "tenancy" subgraph/);
  });
});
