import type { EmbeddedSystem } from '@academy/embedded';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, gql, hsToken, postRaw, startAuthSystem } from './support/auth-system';

let system: EmbeddedSystem;
let admin: Record<string, string>;

beforeAll(async () => {
  system = await startAuthSystem({ HTTP_BATCH_MAX: '2', MAX_OPERATION_NAME_LENGTH: '40' });
  admin = bearer(await hsToken({ roles: ['platform_admin'] }));
});

afterAll(() => system?.close());

async function tenantWith(settings: Record<string, unknown>) {
  const slug = `hy-${Math.random().toString(36).slice(2, 10)}`;
  const created = await gql<{ createTenant: { id: string } }>(system, 'mutation($i: CreateTenantInput!) { createTenant(input: $i) { id } }', { i: { slug, name: slug, plan: 'PRO' } }, admin);
  const updated = await gql(system, 'mutation($id: ID!, $i: UpdateTenantSettingsInput!) { updateTenantSettings(id: $id, input: $i) { id } }', { id: created.body.data!.createTenant.id, i: settings }, admin);
  expect(updated.body.errors).toBeUndefined();
  return { ...bearer(await hsToken({ tenant: slug, roles: ['instructor'] })), 'x-tenant-id': slug };
}

describe('request hygiene', () => {
  it("refuses introspection for a tenant that turned it off, and still answers __typename", async () => {
    const closed = await tenantWith({ introspection: false });
    const refused = await gql(system, '{ __schema { queryType { name } } }', {}, closed);
    expect(refused.status).toBe(400);
    expect(refused.body.errors?.[0]?.extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED', reason: 'introspection_disabled' });
    const viaFragment = await gql(system, 'query { ...T } fragment T on Query { __type(name: "Plan") { name } }', {}, closed);
    expect(viaFragment.status).toBe(400);
    expect((await gql(system, '{ __typename }', {}, closed)).body.data).toEqual({ __typename: 'Query' });
    const open = await tenantWith({ introspection: true });
    expect((await gql(system, '{ __schema { queryType { name } } }', {}, open)).body.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
  });

  it('refuses an overlong operation name', async () => {
    const name = `Q${'x'.repeat(60)}`;
    const reply = await postRaw(system.gateway.url, '/graphql', JSON.stringify({ query: `query ${name} { plans { code } }`, operationName: name }), {});
    expect(reply.status).toBe(400);
    expect(reply.body.errors?.[0]?.extensions?.code).toBe('BAD_REQUEST');
  });

  it('serves batches up to HTTP_BATCH_MAX operations and refuses larger ones', async () => {
    const one = { query: '{ plans { code } }' };
    const ok = await fetch(system.gateway.graphqlUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify([one, one]) });
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as unknown[]).length).toBe(2);
    const tooMany = await fetch(system.gateway.graphqlUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify([one, one, one]) });
    expect(tooMany.status).toBe(400);
    expect(((await tooMany.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code).toBe('BAD_REQUEST');
  });
});
