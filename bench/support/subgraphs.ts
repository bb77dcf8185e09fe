import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAnalyticsService, loadAnalyticsEnvironment, seedDemoProgress } from '@academy/analytics';
import { createConocerService, DEVELOPMENT_CONOCER, loadConocerEnvironment } from '@academy/conocer';
import { createLogger, importContextKeyPair } from '@academy/service-kit';
import { createInfrastructure, type SubgraphRuntime } from '@academy/subgraph-kit';
import { createTenancyService, loadTenancyEnvironment, seedDemoTenants } from '@academy/tenancy';
import type { StartedService } from './child-protocol';
import type { ContextKeyPems } from './principal';

export type SubgraphName = 'tenancy' | 'conocer' | 'analytics';

export interface SubgraphsOptions {
  /** The gateway's key pair; the subgraphs verify context tokens with its public half. */
  keys: ContextKeyPems;
  /** Progress events seeded per demo tenant. @default 12 (as the embedded default) */
  progressPerTenant?: number;
  /** @default 'warn' */
  logLevel?: string;
}

export interface SubgraphsInfo {
  /** Name → `http://127.0.0.1:<port>/graphql`. */
  urls: Record<SubgraphName, string>;
  /** Slug → id of the seeded demo tenants. */
  demoTenants: Record<string, string>;
}

/**
 * The three subgraphs on loopback with ephemeral ports, SQLite in a fresh temporary directory (so a
 * developer's `.data/` and DATABASE_URL are never touched) and the embedded default's demo data.
 * Each service reads only the variables given here, not the shell's environment.
 */
export async function startSubgraphs({ keys, progressPerTenant = 12, logLevel = 'warn' }: SubgraphsOptions): Promise<StartedService<SubgraphsInfo>> {
  const logger = createLogger({ service: 'bench-subgraphs', level: logLevel });
  const dataDir = await mkdtemp(join(tmpdir(), 'academy-bench-'));
  const contextKeys = { publicKey: (await importContextKeyPair(keys.privatePem, keys.publicPem, keys.kid)).publicKey };
  const source = (name: SubgraphName): NodeJS.ProcessEnv => ({ NODE_ENV: 'production', LOG_LEVEL: logLevel, HOST: '127.0.0.1', SQLITE_PATH: join(dataDir, `${name}.sqlite`) });
  // Production requires a real secret; nothing in these benchmarks signs with API keys, so any will do.
  const tenancySource = { ...source('tenancy'), API_KEY_SIGNING_KEY: randomBytes(32).toString('hex') };
  // Likewise for conocer: the benchmarks read the bundled catalog and never reach the CONOCER API (sync off).
  const conocerSource = {
    ...source('conocer'),
    CONOCER_API_URL: DEVELOPMENT_CONOCER.apiUrl,
    CONOCER_CLIENT_ID: DEVELOPMENT_CONOCER.clientId,
    CONOCER_CLIENT_SECRET: DEVELOPMENT_CONOCER.clientSecret,
    CURP_ENCRYPTION_KEYS: `bench:${randomBytes(32).toString('base64')}`,
    CURP_BLIND_INDEX_KEY: randomBytes(32).toString('hex'),
    STANDARDS_SYNC_SCHEDULE: 'off',
  };
  const closers: (() => Promise<void>)[] = [async () => rm(dataDir, { recursive: true, force: true })];
  const close = async () => {
    for (const closer of closers.splice(0).reverse()) await closer();
  };

  try {
    // One in-process bus and store for all three, as the embedded default shares them.
    const infrastructure = await createInfrastructure({ logger });
    closers.push(() => infrastructure.close());
    const shared = { contextKeys, infrastructure };
    const started: Record<SubgraphName, SubgraphRuntime> = {
      tenancy: await createTenancyService({ env: loadTenancyEnvironment(tenancySource), logger: logger.child({ service: 'tenancy' }), ...shared }),
      conocer: await createConocerService({ env: loadConocerEnvironment(conocerSource), logger: logger.child({ service: 'conocer' }), ...shared }),
      analytics: await createAnalyticsService({ env: loadAnalyticsEnvironment(source('analytics')), logger: logger.child({ service: 'analytics' }), ...shared }),
    };
    for (const runtime of Object.values(started)) closers.push(() => runtime.close());

    const urls = {} as Record<SubgraphName, string>;
    for (const [name, runtime] of Object.entries(started) as [SubgraphName, SubgraphRuntime][]) {
      urls[name] = `${await runtime.listen(0, '127.0.0.1')}/graphql`;
    }

    const demoTenants = await seedDemoTenants(started.tenancy.database.orm.em.fork());
    for (const tenantId of Object.values(demoTenants)) await seedDemoProgress(started.analytics.database.orm.em.fork(), tenantId, progressPerTenant);
    return { info: { urls, demoTenants }, close };
  } catch (error) {
    await close();
    throw error;
  }
}
