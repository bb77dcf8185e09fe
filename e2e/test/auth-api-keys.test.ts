import type { EmbeddedSystem } from '@academy/embedded';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bearer,
  type CreatedKey,
  createApiKey,
  eventually,
  failure,
  gql,
  hmacHeader,
  hsToken,
  postRaw,
  recordEvents,
  startAuthSystem,
  watchPrincipals,
} from './support/auth-system';

const READ_PROGRESS = '{ progressEvents(first: 5) { totalCount } }';
const RECORD_PROGRESS = 'mutation { recordProgress(input: { learnerId: "l-1", courseId: "c-1", percent: 10 }) { id } }';
const STANDARDS = '{ competencyStandards(first: 1) { totalCount } }';

let system: EmbeddedSystem;
let reader: CreatedKey;

beforeAll(async () => {
  system = await startAuthSystem();
  reader = await createApiKey(system, 'acme', ['progress:read']);
});

afterAll(() => system?.close());

describe('API keys through the gateway', () => {
  it('authenticates a key sent as X-Api-Key or as a bearer token, as a partner of the key’s tenant', async () => {
    const principals = watchPrincipals(system, 'analytics');
    for (const headers of [{ 'x-api-key': reader.key }, bearer(reader.key)]) {
      const reply = await gql(system, READ_PROGRESS, {}, headers);
      expect(reply.body.errors).toBeUndefined();
      expect(reply.status).toBe(200);
    }
    principals.stop();
    expect(principals.seen.at(-1)).toMatchObject({ amr: 'api_key', sub: `apikey:${reader.id}`, roles: ['partner'], scp: ['progress:read'], ten: system.demoTenants.acme });
  });

  it('enforces the key’s scopes in the subgraphs', async () => {
    expect(failure(await gql(system, RECORD_PROGRESS, {}, { 'x-api-key': reader.key }))).toMatchObject({ code: 'FORBIDDEN' });
    expect(failure(await gql(system, STANDARDS, {}, { 'x-api-key': reader.key }))).toMatchObject({ code: 'FORBIDDEN' });
    const writer = await createApiKey(system, 'acme', ['progress:write', 'standards:read']);
    const recorded = await gql(system, RECORD_PROGRESS, {}, { 'x-api-key': writer.key });
    expect(recorded.body.errors).toBeUndefined();
    expect((await gql(system, STANDARDS, {}, { 'x-api-key': writer.key })).body.errors).toBeUndefined();
  });

  it('refuses a wrong secret, and never falls back to anonymous', async () => {
    const wrong = `${reader.key.slice(0, -4)}AAAA`;
    expect(failure(await gql(system, '{ plans { code } }', {}, { 'x-api-key': wrong }))).toEqual({ status: 401, code: 'UNAUTHENTICATED', reason: 'invalid_api_key' });
    expect(failure(await gql(system, '{ plans { code } }', {}, { 'x-api-key': 'acad_short' }))).toEqual({ status: 401, code: 'UNAUTHENTICATED', reason: 'invalid_api_key' });
    expect(failure(await gql(system, '{ plans { code } }', {}, { 'x-api-key': reader.key, ...bearer('x.y.z') }))).toMatchObject({ status: 401, reason: 'multiple_credentials' });
  });

  it('refuses another tenant’s key with 403 TENANT_MISMATCH', async () => {
    expect(failure(await gql(system, READ_PROGRESS, {}, { 'x-api-key': reader.key, 'x-tenant-id': 'globex' }))).toEqual({ status: 403, code: 'TENANT_MISMATCH', reason: undefined });
    expect(failure(await gql(system, READ_PROGRESS, {}, { 'x-api-key': reader.key }, '/t/globex/graphql'))).toMatchObject({ status: 403, code: 'TENANT_MISMATCH' });
    expect((await gql(system, READ_PROGRESS, {}, { 'x-api-key': reader.key, 'x-tenant-id': 'acme' })).status).toBe(200);
  });

  it('refuses a revoked key on the next request, although the gateway had it cached', async () => {
    const key = await createApiKey(system, 'acme', ['progress:read']);
    expect((await gql(system, READ_PROGRESS, {}, { 'x-api-key': key.key })).status).toBe(200);
    const admin = await hsToken({ tenant: 'acme', roles: ['tenant_admin'] });
    const revoked = await gql(system, 'mutation($id: ID!) { revokeApiKey(id: $id) { status } }', { id: key.id }, bearer(admin));
    expect(revoked.body).toMatchObject({ data: { revokeApiKey: { status: 'REVOKED' } } });
    // The api-key.changed event travels through the bus; "next request" allows for its delivery turn.
    const refused = await eventually(async () => {
      const reply = await gql(system, READ_PROGRESS, {}, { 'x-api-key': key.key });
      return reply.status === 401 ? reply : undefined;
    }, 2_000);
    expect(failure(refused)).toEqual({ status: 401, code: 'UNAUTHENTICATED', reason: 'api_key_revoked' });
  });

  it('refuses an expired key', async () => {
    const key = await createApiKey(system, 'acme', ['progress:read'], new Date(Date.now() + 1_500));
    expect((await gql(system, READ_PROGRESS, {}, { 'x-api-key': key.key })).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1_600));
    expect(failure(await gql(system, READ_PROGRESS, {}, { 'x-api-key': key.key }))).toEqual({ status: 401, code: 'UNAUTHENTICATED', reason: 'api_key_expired' });
  });

  it('publishes api-key.used at most once a minute per key', async () => {
    const key = await createApiKey(system, 'acme', ['progress:read']);
    const recorder = await recordEvents(system, ['api-key.used']);
    for (let i = 0; i < 3; i++) await gql(system, READ_PROGRESS, {}, { 'x-api-key': key.key });
    await eventually(async () => recorder.events.length > 0);
    await new Promise((resolve) => setTimeout(resolve, 100));
    await recorder.stop();
    const mine = recorder.events.filter((e) => (e.payload as { keyId: string }).keyId === key.id);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ tenantId: system.demoTenants.acme, payload: { keyId: key.id } });
  });
});

describe('HMAC-signed requests', () => {
  const body = JSON.stringify({ query: READ_PROGRESS });

  it('accepts a valid signature as the key’s partner principal', async () => {
    const principals = watchPrincipals(system, 'analytics');
    const reply = await postRaw(system.gateway.url, '/graphql', body, { authorization: hmacHeader(reader, '/graphql', body) });
    principals.stop();
    expect(reply.body.errors).toBeUndefined();
    expect(reply.status).toBe(200);
    expect(principals.seen.at(-1)).toMatchObject({ amr: 'hmac', sub: `apikey:${reader.id}`, ten: system.demoTenants.acme });
    // The signature covers the path with its query string and the tenant path prefix.
    const path = '/t/acme/graphql?client=lms';
    expect((await postRaw(system.gateway.url, path, body, { authorization: hmacHeader(reader, path, body) })).status).toBe(200);
  });

  it('refuses a bad signature, a changed body and a signature over another path', async () => {
    const header = hmacHeader(reader, '/graphql', body);
    const forged = header.replace(/signature=([0-9a-f])/, (_m, c: string) => `signature=${c === '0' ? '1' : '0'}`);
    expect(failure(await postRaw(system.gateway.url, '/graphql', body, { authorization: forged }))).toEqual({ status: 401, code: 'UNAUTHENTICATED', reason: 'bad_signature' });
    const other = JSON.stringify({ query: RECORD_PROGRESS });
    expect(failure(await postRaw(system.gateway.url, '/graphql', other, { authorization: hmacHeader(reader, '/graphql', body) }))).toMatchObject({ status: 401, reason: 'bad_signature' });
    expect(failure(await postRaw(system.gateway.url, '/t/acme/graphql', body, { authorization: hmacHeader(reader, '/graphql', body) }))).toMatchObject({ status: 401, reason: 'bad_signature' });
  });

  it('refuses a timestamp more than 300 s away from the server clock', async () => {
    for (const skew of [-301, 301]) {
      const header = hmacHeader(reader, '/graphql', body, { ts: Math.floor(Date.now() / 1000) + skew });
      expect(failure(await postRaw(system.gateway.url, '/graphql', body, { authorization: header }))).toEqual({ status: 401, code: 'UNAUTHENTICATED', reason: 'clock_skew' });
    }
    const withinSkew = hmacHeader(reader, '/graphql', body, { ts: Math.floor(Date.now() / 1000) - 200 });
    expect((await postRaw(system.gateway.url, '/graphql', body, { authorization: withinSkew })).status).toBe(200);
  });

  it('accepts each nonce once', async () => {
    const header = hmacHeader(reader, '/graphql', body);
    expect((await postRaw(system.gateway.url, '/graphql', body, { authorization: header })).status).toBe(200);
    expect(failure(await postRaw(system.gateway.url, '/graphql', body, { authorization: header }))).toEqual({ status: 401, code: 'UNAUTHENTICATED', reason: 'nonce_replayed' });
  });
});
