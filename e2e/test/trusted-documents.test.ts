import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EmbeddedSystem } from '@academy/embedded';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, gql, hsToken, postRaw, startAuthSystem } from './support/auth-system';

const TRUSTED = 'query TrustedPlans { plans { code } }';
const id = createHash('sha256').update(TRUSTED).digest('hex');
let dir: string;
let system: EmbeddedSystem;
let locked: Record<string, string>;
let open: Record<string, string>;

async function tenant(slug: string, featureFlags: string[]) {
  const admin = bearer(await hsToken({ roles: ['platform_admin'] }));
  const created = await gql<{ createTenant: { id: string } }>(system, 'mutation($i: CreateTenantInput!) { createTenant(input: $i) { id } }', { i: { slug, name: slug, plan: 'PRO' } }, admin);
  await gql(system, 'mutation($id: ID!, $i: UpdateTenantSettingsInput!) { updateTenantSettings(id: $id, input: $i) { id } }', { id: created.body.data!.createTenant.id, i: { featureFlags } }, admin);
  return { ...bearer(await hsToken({ tenant: slug, roles: ['instructor'] })), 'x-tenant-id': slug };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'trusted-'));
  const manifest = { format: 'apollo-persisted-query-manifest', version: 1, operations: [{ id, name: 'TrustedPlans', type: 'query', body: TRUSTED }] };
  writeFileSync(join(dir, 'td-locked.json'), JSON.stringify(manifest));
  writeFileSync(join(dir, 'td-open.json'), JSON.stringify(manifest));
  system = await startAuthSystem({ TRUSTED_DOCUMENTS_DIR: dir });
  locked = await tenant('td-locked', ['trusted-documents-only']);
  open = await tenant('td-open', []);
});

afterAll(async () => {
  await system?.close();
  rmSync(dir, { recursive: true, force: true });
});

const post = (body: unknown, headers: Record<string, string>) => postRaw(system.gateway.url, '/graphql', JSON.stringify(body), headers);

describe('trusted documents', () => {
  it('runs only manifest operations for an enforcing tenant, by id or by identical text', async () => {
    expect((await post({ documentId: `sha256:${id}` }, locked)).body.data).toMatchObject({ plans: expect.any(Array) });
    expect((await post({ extensions: { persistedQuery: { version: 1, sha256Hash: id } } }, locked)).body.data).toMatchObject({ plans: expect.any(Array) });
    expect((await post({ query: TRUSTED }, locked)).body.data).toMatchObject({ plans: expect.any(Array) });
    const other = await post({ query: '{ plans { name } }' }, locked);
    expect([other.status, other.body.errors?.[0]?.extensions?.code]).toEqual([403, 'OPERATION_NOT_TRUSTED']);
    // Automatic persisted queries cannot register a new document for it either.
    const apq = await post({ query: '{ plans { name } }', extensions: { persistedQuery: { version: 1, sha256Hash: createHash('sha256').update('{ plans { name } }').digest('hex') } } }, locked);
    expect(apq.status).toBe(403);
    const batch = await postRaw(system.gateway.url, '/graphql', JSON.stringify([{ query: TRUSTED }]), locked);
    expect(batch.status).toBe(403);
  });

  it('lets a tenant without the flag use its manifest ids and any other document', async () => {
    expect((await post({ documentId: `sha256:${id}` }, open)).body.data).toMatchObject({ plans: expect.any(Array) });
    expect((await post({ query: '{ plans { name } }' }, open)).body.data).toMatchObject({ plans: expect.any(Array) });
  });
});
