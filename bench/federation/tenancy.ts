/**
 * The repository's tenancy subgraph, for this gateway's tenant lookups: with it in the benchmark's
 * supergraph, this gateway runs multi-tenant (tenant resolution, JWT, cost and rate limits, usage
 * records) in front of the federation benchmark's subgraphs.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CONTEXT_TOKEN_HEADER, type ContextKeying, contextKeySourceFor, contextTokenSignerFor, createLogger, importContextKeyPair } from '@academy/service-kit';
import { createInfrastructure } from '@academy/subgraph-kit';
import { createTenancyService, loadTenancyEnvironment, seedDemoTenants } from '@academy/tenancy';
import type { ContextKeyPems, StartedService } from '../support';

export const BENCH_TENANT = 'acme';

/**
 * Limits far above what two cores can send, so every check runs (structure, cost estimate, rates,
 * the bucket debit and refund) and none refuses: the benchmark measures the work, not a 429.
 */
const UNREFUSING_LIMITS = {
  maxOperationCost: 1_000_000_000,
  bucketCapacity: 1_000_000_000,
  restoreRatePerSecond: 1_000_000_000,
  requestsPerMinute: 1_000_000_000,
  callerRequestsPerMinute: 1_000_000_000,
  maxDepth: 64,
  maxAliases: 1_000,
  maxRootFields: 100,
  maxTokens: 100_000,
  maxDocumentBytes: 1_000_000,
};

export interface BenchTenancyInfo {
  url: string;
  tenantId: string;
}

async function overrideLimits(url: string, keying: ContextKeying, tenantId: string): Promise<void> {
  const signer = contextTokenSignerFor(keying);
  const token = await signer.sign(
    // Above the plan: only a platform operator may set that.
    { tenantId: null, plan: null, subject: 'bench-setup', roles: ['platform_admin'], scopes: [], authMethod: 'jwt', requestId: 'bench-setup', flags: [] },
    'tenancy',
  );
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [CONTEXT_TOKEN_HEADER]: token },
    body: JSON.stringify({
      query: 'mutation BenchLimits($id: ID!, $limits: PlanLimitsOverrideInput!) { updateTenantSettings(id: $id, input: { limitOverrides: $limits }) { id } }',
      variables: { id: tenantId, limits: UNREFUSING_LIMITS },
    }),
  });
  const text = await response.text();
  if (!response.ok || text.includes('"errors"')) throw new Error(`could not raise the bench tenant's limits: HTTP ${response.status} ${text.slice(0, 500)}`);
}

export async function startBenchTenancy({ keys }: { keys: ContextKeyPems }): Promise<StartedService<BenchTenancyInfo>> {
  const logger = createLogger({ service: 'bench-tenancy', level: 'warn' });
  const keying = { pair: await importContextKeyPair(keys.privatePem, keys.publicPem, keys.kid), secret: keys.secret };
  const dataDir = await mkdtemp(join(tmpdir(), 'academy-bench-federation-'));
  const closers: (() => Promise<void>)[] = [() => rm(dataDir, { recursive: true, force: true })];
  const close = async () => {
    for (const closer of closers.splice(0).reverse()) await closer();
  };
  try {
    const infrastructure = await createInfrastructure({ logger });
    closers.push(() => infrastructure.close());
    const tenancy = await createTenancyService({
      env: loadTenancyEnvironment({ NODE_ENV: 'production', LOG_LEVEL: 'warn', HOST: '127.0.0.1', SQLITE_PATH: join(dataDir, 'tenancy.sqlite'), API_KEY_SIGNING_KEY: randomBytes(32).toString('hex') }),
      logger,
      contextKeys: contextKeySourceFor(keying, 'tenancy'),
      infrastructure,
    });
    closers.push(() => tenancy.close());
    const url = `${await tenancy.listen(0, '127.0.0.1')}/graphql`;
    const tenants = await seedDemoTenants(tenancy.database.orm.em.fork());
    const tenantId = tenants[BENCH_TENANT]!;
    await overrideLimits(url, keying, tenantId);
    return { info: { url, tenantId }, close };
  } catch (error) {
    await close();
    throw error;
  }
}
