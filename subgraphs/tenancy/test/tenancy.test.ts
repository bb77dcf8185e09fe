import { CONTEXT_TOKEN_ISSUER, type ContextKeyPair, createContextTokenSigner, createLogger, generateContextKeyPair, type Principal } from '@academy/service-kit';
import { SignJWT } from 'jose';
import { createScratchPostgresDatabase, pendingSchemaChanges, type SubgraphRuntime } from '@academy/subgraph-kit';
import { testServices } from '@academy/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTenancyService, loadTenancyEnvironment, seedDemoTenants } from '../src';
import { migrations } from '../src/migrations';
import { tenancyEntities } from '../src/schema';

const logger = createLogger({ service: 'tenancy-test', level: 'silent' });
const { postgresAdminUrl } = testServices();

const dialects = [
  { name: 'sqlite', enabled: true },
  { name: 'postgresql', enabled: postgresAdminUrl !== null },
] as const;

type GraphQLResult = { data?: Record<string, never> | null; errors?: { message: string; extensions: { code: string; fields?: unknown } }[] };

describe.each(dialects)('tenancy subgraph on $name', ({ name, enabled }) => {
  let runtime: SubgraphRuntime;
  let url: string;
  let token: string;
  let keys: ContextKeyPair;
  let dropDatabase: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    if (!enabled) return;
    keys = await generateContextKeyPair();
    let databaseUrl: string | undefined;
    if (name === 'postgresql') {
      const scratch = await createScratchPostgresDatabase(postgresAdminUrl!, 'tenancy_test');
      databaseUrl = scratch.url;
      dropDatabase = scratch.drop;
    }
    const env = loadTenancyEnvironment({ NODE_ENV: 'test', SQLITE_PATH: ':memory:', DATABASE_URL: databaseUrl });
    runtime = await createTenancyService({ env, logger, contextKeys: { publicKey: keys.publicKey } });
    url = `${await runtime.listen(0, '127.0.0.1')}/graphql`;
    const principal: Principal = { tenantId: null, plan: null, subject: 'admin-1', roles: ['platform_admin'], scopes: [], authMethod: 'jwt', requestId: 'test', flags: [] };
    token = await createContextTokenSigner(keys).sign(principal, 'tenancy');
  });

  afterAll(async () => {
    await runtime?.close();
    await dropDatabase?.();
  });

  async function graphql(query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = { 'x-academy-context': token }) {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
    return { status: response.status, body: (await response.json()) as GraphQLResult };
  }

  it.runIf(enabled)('seeds the plans as data and the demo tenants idempotently', async () => {
    const ids = await seedDemoTenants(runtime.database.orm.em.fork());
    expect(await seedDemoTenants(runtime.database.orm.em.fork())).toEqual(ids);
    const { body } = await graphql('{ plans { code limits { maxOperationCost requestsPerMinute } } tenant(slug: "acme") { id name plan { code } status } }');
    expect(body.data).toMatchObject({
      plans: [{ code: 'FREE' }, { code: 'PRO' }, { code: 'ENTERPRISE' }],
      tenant: { id: ids.acme, name: 'Acme Capacitación', plan: { code: 'PRO' }, status: 'ACTIVE' },
    });
  });

  it.runIf(enabled)('creates, updates, pages through and resolves tenants as entities', async () => {
    const created: string[] = [];
    for (const slug of ['page-a', 'page-b', 'page-c']) {
      const { body } = await graphql('mutation($input: CreateTenantInput!) { createTenant(input: $input) { id slug plan { code } } }', { input: { slug, name: slug.toUpperCase(), plan: 'ENTERPRISE' } });
      expect(body.errors).toBeUndefined();
      created.push((body.data as unknown as { createTenant: { id: string } }).createTenant.id);
    }
    const update = await graphql('mutation($id: ID!) { updateTenant(id: $id, input: { status: SUSPENDED, plan: FREE }) { status plan { code } } }', { id: created[0] });
    expect(update.body.data).toEqual({ updateTenant: { status: 'SUSPENDED', plan: { code: 'FREE' } } });

    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const { body } = await graphql('query($after: String) { tenants(first: 2, after: $after) { totalCount nodes { slug } pageInfo { hasNextPage endCursor } } }', { after });
      const page = (body.data as unknown as { tenants: { totalCount: number; nodes: { slug: string }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } }).tenants;
      seen.push(...page.nodes.map((n) => n.slug));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual(expect.arrayContaining(['page-a', 'page-b', 'page-c']));
    expect(new Set(seen).size).toBe(seen.length);

    const entities = await graphql('query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Tenant { slug } } }', {
      reps: [...created.map((id) => ({ __typename: 'Tenant', id })), { __typename: 'Tenant', id: '00000000-0000-4000-8000-000000000000' }],
    });
    expect(entities.body.data).toEqual({ _entities: [{ slug: 'page-a' }, { slug: 'page-b' }, { slug: 'page-c' }, null] });
  });

  it.runIf(enabled)('answers bad input with stable codes', async () => {
    const cases: [string, Record<string, unknown>, string][] = [
      ['mutation($i: CreateTenantInput!) { createTenant(input: $i) { id } }', { i: { slug: 'Bad Slug', name: 'x' } }, 'BAD_USER_INPUT'],
      ['mutation($i: CreateTenantInput!) { createTenant(input: $i) { id } }', { i: { slug: 'admin', name: 'x' } }, 'BAD_USER_INPUT'],
      ['mutation($i: CreateTenantInput!) { createTenant(input: $i) { id } }', { i: { slug: 'acme', name: 'dup' } }, 'CONFLICT'],
      ['mutation { updateTenant(id: "00000000-0000-4000-8000-000000000000", input: { name: "x" }) { id } }', {}, 'NOT_FOUND'],
      ['{ tenant { id } }', {}, 'BAD_USER_INPUT'],
      ['{ tenants(first: 0) { totalCount } }', {}, 'BAD_USER_INPUT'],
      ['{ tenants(after: "not-a-cursor") { totalCount } }', {}, 'BAD_USER_INPUT'],
    ];
    await seedDemoTenants(runtime.database.orm.em.fork());
    for (const [query, variables, code] of cases) {
      const { body } = await graphql(query, variables);
      expect(body.errors?.[0]?.extensions.code, `${query} ${JSON.stringify(body.errors)}`).toBe(code);
    }
  });

  it.runIf(enabled)('refuses requests without a valid gateway context token', async () => {
    const missing = await graphql('{ plans { code } }', {}, {});
    expect(missing.status).toBe(401);
    const forged = await graphql('{ plans { code } }', {}, { 'x-academy-context': `${token.slice(0, -4)}AAAA` });
    expect(forged.status).toBe(401);
    expect(forged.body.errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');

    const principal: Principal = { tenantId: null, plan: null, subject: 'admin-1', roles: ['platform_admin'], scopes: [], authMethod: 'jwt', requestId: 'test', flags: [] };
    // Expired well beyond the verifier's clock tolerance, signed with the right key for the right audience.
    const expired = await new SignJWT({ roles: ['platform_admin'], amr: 'jwt' })
      .setProtectedHeader({ alg: 'ES256', kid: keys.kid })
      .setIssuer(CONTEXT_TOKEN_ISSUER)
      .setAudience('tenancy')
      .setIssuedAt(Math.floor(Date.now() / 1000) - 600)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 300)
      .sign(keys.privateKey);
    const otherKey = await createContextTokenSigner(await generateContextKeyPair()).sign(principal, 'tenancy');
    const otherAudience = await createContextTokenSigner(keys).sign(principal, 'analytics');
    for (const [name, bad] of Object.entries({ expired, otherKey, otherAudience })) {
      const refused = await graphql('{ plans { code } }', {}, { 'x-academy-context': bad });
      expect(refused.status, name).toBe(401);
      expect(refused.body.errors?.[0]?.extensions.code, name).toBe('UNAUTHENTICATED');
    }
  });

  it.runIf(enabled)('has committed migrations that match the entities', async () => {
    const options = { service: 'tenancy', entities: tenancyEntities, migrations, logger, migrationsDir: '', postgresAdminUrl: postgresAdminUrl ?? '' };
    expect(await pendingSchemaChanges(options, name)).toBe('');
  });
});
