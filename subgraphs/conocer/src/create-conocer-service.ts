import { loadCompetencyStandards } from '@academy/renec';
import type { ContextKeySource, Logger, ReadinessCheck } from '@academy/service-kit';
import { createSubgraphRuntime, type Infrastructure, type SubgraphRuntime } from '@academy/subgraph-kit';
import { type ConocerShared, createConocerContext } from './context';
import { type ConocerEnvironment, usesDevelopmentConocerCredentials } from './environment';
import { migrations } from './migrations';
import { CatalogCache, importStandardCatalog, startCatalogCacheInvalidation } from './modules/standard';
import { createStandardsSyncModule, type PendingSubmissionsProvider, type StandardsSyncModule } from './modules/sync';
import { buildConocerSchema, conocerEntities } from './schema';

export interface ConocerServiceOptions {
  env: ConocerEnvironment;
  logger: Logger;
  contextKeys?: ContextKeySource;
  readiness?: ReadinessCheck[];
  /** Shared bus and store; made from AMQP_URL/REDIS_URL when absent. */
  infrastructure?: Infrastructure;
  /** Certification submissions waiting for CONOCER, for `conocerSync.pendingSubmissions`. @default always 0 */
  pendingSubmissions?: PendingSubmissionsProvider;
}

/** The subgraph plus its CONOCER integration (client, standards sync), for wiring and tests. */
export interface ConocerRuntime extends SubgraphRuntime {
  conocer: Pick<StandardsSyncModule, 'client' | 'standardsSync' | 'syncJobs' | 'schedule'>;
}

/** The subgraph, migrated and with its standards catalog seeded from the bundled RENEC snapshot. */
export async function createConocerService({ env, logger, contextKeys, readiness, infrastructure, pendingSubmissions }: ConocerServiceOptions): Promise<ConocerRuntime> {
  if (usesDevelopmentConocerCredentials(env)) logger.warn({ api: env.CONOCER_API_URL }, 'CONOCER_CLIENT_SECRET is not set: using the sandbox’s public development credentials');
  // Request contexts are built only once the service listens, after `shared` is set below.
  let shared: ConocerShared | undefined;
  const runtime = await createSubgraphRuntime({
    service: 'conocer',
    env,
    logger,
    schema: await buildConocerSchema(),
    entities: conocerEntities,
    migrations,
    contextKeys,
    readiness,
    infrastructure,
    extendContext: (base) => createConocerContext(base, shared!),
  });
  const closers: (() => Promise<void>)[] = [];
  const close = async () => {
    for (const closer of closers.splice(0).reverse()) await closer();
  };
  closers.push(() => runtime.close());
  try {
    const imported = await importStandardCatalog(runtime.database.orm.em.fork(), loadCompetencyStandards());
    if (imported > 0) logger.info({ standards: imported }, 'imported the RENEC catalog snapshot');
    const { bus, store } = runtime.infrastructure;
    const catalogCache = new CatalogCache(store, logger);
    closers.push(await startCatalogCacheInvalidation(bus, catalogCache, logger));
    const sync = createStandardsSyncModule({ env, orm: runtime.database.orm, infrastructure: runtime.infrastructure, catalogCache, logger, pendingSubmissions });
    closers.push(() => sync.close());
    shared = { catalogCache, standardsSync: sync.standardsSync, syncJobs: sync.syncJobs, conocerHealth: sync.conocerHealth };
    const { client, standardsSync, syncJobs, schedule } = sync;
    return { ...runtime, conocer: { client, standardsSync, syncJobs, schedule }, close };
  } catch (error) {
    await close();
    throw error;
  }
}
