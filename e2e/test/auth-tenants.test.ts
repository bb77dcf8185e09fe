import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { EmbeddedSystem } from '@academy/embedded';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, failure, gql, gqlWithHost, hsToken, startAuthSystem, TEST_HS256_SECRET, watchPrincipals } from './support/auth-system';

const PUBLIC = '{ plans { code } }';
const BASE = 'academy.test';

let system: EmbeddedSystem;
let admin: Record<string, string>;

beforeAll(async () => {
  system = await startAuthSystem({ TENANT_BASE_DOMAIN: BASE, CORS_ORIGINS: 'https://console.academy.test' });
  admin = bearer(await hsToken({ roles: ['platform_admin'] }));
});

afterAll(() => system?.close());

/** The tenant id and plan the subgraphs were told for one request (from the context token tenancy received). */
async function tenantSeen(send: () => Promise<{ status: number }>) {
  const principals = watchPrincipals(system, 'tenancy');
  const reply = await send();
  principals.stop();
  expect(reply.status).toBe(200);
  const last = principals.seen.at(-1) as { ten: string | null; plan: string | null };
  return { tenantId: last.ten, plan: last.plan };
}

async function createTenant(slug: string): Promise<string> {
  const reply = await gql<{ createTenant: { id: string } }>(system, 'mutation($input: CreateTenantInput!) { createTenant(input: $input) { id } }', { input: { slug, name: slug, plan: 'FREE' } }, admin);
  if (!reply.body.data) throw new Error(JSON.stringify(reply.body.errors));
  return reply.body.data.createTenant.id;
}

async function updateTenant(id: string, input: Record<string, unknown>) {
  const reply = await gql(system, 'mutation($id: ID!, $input: UpdateTenantInput!) { updateTenant(id: $id, input: $input) { status plan { code } } }', { id, input }, admin);
  expect(reply.body.errors).toBeUndefined();
}

async function updateSettings(id: string, input: Record<string, unknown>) {
  const reply = await gql(system, 'mutation($id: ID!, $input: UpdateTenantSettingsInput!) { updateTenantSettings(id: $id, input: $input) { id } }', { id, input }, admin);
  expect(reply.body.errors).toBeUndefined();
}

describe('tenant resolution', () => {
  it('resolves the tenant by header (slug or id), path, subdomain and custom domain', async () => {
    const acme = system.demoTenants.acme;
    expect(await tenantSeen(() => gql(system, PUBLIC, {}, { 'x-tenant-id': 'acme' }))).toEqual({ tenantId: acme, plan: 'PRO' });
    expect(await tenantSeen(() => gql(system, PUBLIC, {}, { 'x-tenant-id': acme }))).toEqual({ tenantId: acme, plan: 'PRO' });
    expect(await tenantSeen(() => gql(system, PUBLIC, {}, {}, '/t/acme/graphql'))).toEqual({ tenantId: acme, plan: 'PRO' });
    expect(await tenantSeen(() => gqlWithHost(system, `acme.${BASE}`, PUBLIC))).toEqual({ tenantId: acme, plan: 'PRO' });
    await updateSettings(acme, { customDomains: ['cursos.acme.mx'] });
    expect(await tenantSeen(() => gqlWithHost(system, 'Cursos.Acme.MX:443', PUBLIC))).toEqual({ tenantId: acme, plan: 'PRO' });
  });

  it('lets the first strategy that names a tenant decide (header, then path, subdomain, domain)', async () => {
    expect((await tenantSeen(() => gql(system, PUBLIC, {}, { 'x-tenant-id': 'globex' }, '/t/acme/graphql'))).tenantId).toBe(system.demoTenants.globex);
  });

  it('answers 404 TENANT_NOT_FOUND for a tenant that does not exist, by every strategy', async () => {
    expect(failure(await gql(system, PUBLIC, {}, { 'x-tenant-id': 'nope' }))).toEqual({ status: 404, code: 'TENANT_NOT_FOUND', reason: undefined });
    expect(failure(await gql(system, PUBLIC, {}, { 'x-tenant-id': '00000000-0000-4000-8000-000000000000' }))).toMatchObject({ status: 404 });
    expect(failure(await gql(system, PUBLIC, {}, {}, '/t/nope/graphql'))).toMatchObject({ status: 404, code: 'TENANT_NOT_FOUND' });
    expect(failure(await gqlWithHost(system, `nope.${BASE}`, PUBLIC))).toMatchObject({ status: 404, code: 'TENANT_NOT_FOUND' });
    expect(failure(await gqlWithHost(system, 'unknown.example.com', PUBLIC))).toMatchObject({ status: 404, code: 'TENANT_NOT_FOUND' });
  });

  it('leaves requests to the gateway’s own hosts tenant-less; fields that need a tenant say so', async () => {
    for (const host of ['localhost:4000', '127.0.0.1', BASE, `api.${BASE}`, 'gateway']) {
      expect(await tenantSeen(() => gqlWithHost(system, host, PUBLIC)), host).toEqual({ tenantId: null, plan: null });
    }
    const token = await hsToken({ roles: ['platform_admin'] });
    const reply = await gql(system, 'mutation { recordProgress(input: { learnerId: "l", courseId: "c", percent: 1 }) { id } }', {}, bearer(token));
    expect(failure(reply)).toMatchObject({ code: 'TENANT_REQUIRED' });
  });

  it('refuses a suspended tenant on the next request and serves it again once reactivated, without a restart', async () => {
    const id = await createTenant(`susp-${Date.now().toString(36)}`);
    const headers = { 'x-tenant-id': id };
    expect((await gql(system, PUBLIC, {}, headers)).status).toBe(200); // now cached
    await updateTenant(id, { status: 'SUSPENDED' });
    expect(failure(await gql(system, PUBLIC, {}, headers))).toEqual({ status: 403, code: 'TENANT_SUSPENDED', reason: undefined });
    await updateTenant(id, { status: 'ACTIVE' });
    expect((await gql(system, PUBLIC, {}, headers)).status).toBe(200);
  });

  it('carries a plan change into the next request’s principal', async () => {
    const id = await createTenant(`plan-${Date.now().toString(36)}`);
    expect((await tenantSeen(() => gql(system, PUBLIC, {}, { 'x-tenant-id': id }))).plan).toBe('FREE');
    await updateTenant(id, { plan: 'ENTERPRISE' });
    expect((await tenantSeen(() => gql(system, PUBLIC, {}, { 'x-tenant-id': id }))).plan).toBe('ENTERPRISE');
  });
});

describe('per-tenant CORS', () => {
  const preflight = (path: string, origin: string, headers: Record<string, string> = {}) =>
    fetch(`${system.gateway.url}${path}`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type', ...headers } });

  it('allows the tenant’s own origins on its requests, on top of the global ones', async () => {
    await updateSettings(system.demoTenants.acme, { corsOrigins: ['https://app.acme.mx'] });
    const allowed = await preflight('/t/acme/graphql', 'https://app.acme.mx');
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://app.acme.mx');
    // Another tenant's requests do not get acme's origins.
    const refused = await preflight('/t/globex/graphql', 'https://app.acme.mx');
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code).toBe('CORS_ORIGIN_NOT_ALLOWED');
    // Global origins work for every tenant.
    expect((await preflight('/t/globex/graphql', 'https://console.academy.test')).status).toBe(204);
    // An actual request resolved by header carries the header too.
    const actual = await fetch(system.gateway.graphqlUrl, {
      method: 'POST',
      headers: { origin: 'https://app.acme.mx', 'content-type': 'application/json', 'x-tenant-id': 'acme' },
      body: JSON.stringify({ query: PUBLIC }),
    });
    expect(actual.status).toBe(200);
    expect(actual.headers.get('access-control-allow-origin')).toBe('https://app.acme.mx');
  });
});

describe('npm run dev:token', () => {
  it('mints a token the embedded gateway accepts', async () => {
    const script = join(__dirname, '..', '..', 'gateway', 'src', 'dev-token.ts');
    const { stdout } = await promisify(execFile)(process.execPath, ['--conditions=development', '-r', '@swc-node/register', script, '--tenant', 'acme', '--role', 'tenant_admin'], {
      env: { ...process.env, NODE_ENV: 'development', JWT_HS256_SECRET: TEST_HS256_SECRET },
    });
    const reply = await gql(system, '{ tenant(slug: "acme") { slug } }', {}, bearer(stdout.trim()));
    expect(reply.body).toMatchObject({ data: { tenant: { slug: 'acme' } } });
  });
});
