import { type EmbeddedSystem, composeSupergraph, loadEmbeddedEnvironment, startEmbeddedSystem } from '@academy/embedded';
import { DEVELOPMENT_JWT_HS256_SECRET } from '@academy/gateway';
import { createLogger } from '@academy/service-kit';
import { createScratchPostgresDatabase } from '@academy/subgraph-kit';
import { testServices } from '@academy/testing';
import { print } from 'graphql';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateTenantDocument, type RecordProgressMutation, RecordProgressDocument, TenantOverviewDocument, type TenantOverviewQuery } from '../src/generated/graphql';

const logger = createLogger({ service: 'e2e', level: 'silent' });
const { postgresAdminUrl } = testServices();

const modes = [
  { name: 'embedded default (SQLite, in-process)', postgres: false },
  { name: 'PostgreSQL', postgres: true },
].filter((mode) => !mode.postgres || postgresAdminUrl !== null);

describe.each(modes)('supergraph end to end: $name', ({ postgres }) => {
  let system: EmbeddedSystem;
  let dropDatabase: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    const source: NodeJS.ProcessEnv = { NODE_ENV: 'test', LOG_LEVEL: 'silent' };
    if (postgres) {
      const scratch = await createScratchPostgresDatabase(postgresAdminUrl!, 'e2e');
      source.DATABASE_URL = scratch.url;
      dropDatabase = scratch.drop;
    }
    const env = loadEmbeddedEnvironment({ ...source, GATEWAY_PORT: '0', TENANCY_PORT: '0', CONOCER_PORT: '0', ANALYTICS_PORT: '0', CONOCER_SANDBOX_PORT: '0', DATA_DIR: ':memory:', HOST: '127.0.0.1' });
    const { supergraphSdl } = await composeSupergraph();
    system = await startEmbeddedSystem({ env, source, logger, supergraphSdl });
  });

  afterAll(async () => {
    await system?.close();
    await dropDatabase?.();
  });

  // Tenant data needs a signed-in caller: a platform admin, with the development secret the embedded default accepts.
  const platformAdmin = () =>
    new SignJWT({ roles: ['platform_admin'] }).setProtectedHeader({ alg: 'HS256' }).setSubject('e2e-admin').setExpirationTime('10m').sign(new TextEncoder().encode(DEVELOPMENT_JWT_HS256_SECRET));

  async function post<T>(query: string, variables: Record<string, unknown>, headers: Record<string, string> = {}) {
    const response = await fetch(system.gateway.graphqlUrl, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
    return { status: response.status, body: (await response.json()) as { data?: T; errors?: { message: string; extensions?: { code?: string } }[] } };
  }

  it('serves a query that crosses tenancy, analytics and conocer', async () => {
    const { status, body } = await post<TenantOverviewQuery>(print(TenantOverviewDocument), { slug: 'acme', recent: 20 }, { authorization: `Bearer ${await platformAdmin()}` });
    expect(body.errors).toBeUndefined();
    expect(status).toBe(200);
    const tenant = body.data!.tenant!;
    expect(tenant).toMatchObject({ slug: 'acme', plan: { code: 'PRO' }, status: 'ACTIVE' });
    expect(tenant.progressSummary.events).toBeGreaterThan(0);
    const withStandard = tenant.recentProgress.filter((p) => p.standard);
    expect(withStandard.length).toBeGreaterThan(0);
    // The title comes from conocer's catalog (the real RENEC snapshot), not from analytics.
    for (const event of withStandard) expect(event.standard!.title.length).toBeGreaterThan(10);
  });

  it('resolves the standard of progress recorded through the gateway', async () => {
    const slug = `e2e-${Date.now().toString(36)}`;
    const created = await post<{ createTenant: { id: string } }>(print(CreateTenantDocument), { input: { slug, name: 'E2E' } }, { authorization: `Bearer ${await platformAdmin()}` });
    expect(created.body.errors).toBeUndefined();
    const input = { learnerId: 'l-1', courseId: 'c-1', percent: 40, standardCode: 'EC0217.01' };

    // Anonymous callers have no tenant; recording progress needs one.
    const anonymous = await post<RecordProgressMutation>(print(RecordProgressDocument), { input });
    expect(anonymous.body.errors?.[0]?.extensions?.code).toBe('TENANT_REQUIRED');

    const learner = await new SignJWT({ roles: ['learner'], tenant: slug })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('l-1')
      .setExpirationTime('10m')
      .sign(new TextEncoder().encode(DEVELOPMENT_JWT_HS256_SECRET));
    const recorded = await post<RecordProgressMutation>(print(RecordProgressDocument), { input }, { authorization: `Bearer ${learner}`, 'x-tenant-id': slug });
    expect(recorded.body.errors).toBeUndefined();
    // analytics stores only the code; the title comes from conocer's catalog through the query plan.
    expect(recorded.body.data?.recordProgress).toMatchObject({
      percent: 40,
      standard: { code: 'EC0217.01', title: expect.stringContaining('Impartición de cursos') },
    });
  });
});
