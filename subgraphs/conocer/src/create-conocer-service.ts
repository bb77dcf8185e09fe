import { loadCompetencyStandards } from '@academy/renec';
import type { ContextKeySource, Logger, ReadinessCheck } from '@academy/service-kit';
import { applyCacheHints, createSubgraphRuntime, type Infrastructure, type SubgraphRuntime } from '@academy/subgraph-kit';
import { type CertificationEngine, startCertificationEngine } from './certification-engine';
import { type ConocerShared, createConocerContext } from './context';
import { type ConocerEnvironment, usesDevelopmentConocerCredentials, usesDevelopmentCurpKeys } from './environment';
import { migrations } from './migrations';
import type { SagaHooks } from './modules/saga';
import { CatalogCache, importStandardCatalog, startCatalogCacheInvalidation } from './modules/standard';
import { createStandardsSyncModule, noPendingSubmissions, type StandardsSyncModule } from './modules/sync';
import { conocerCacheHints } from './cache-hints';
import { buildConocerSchema, conocerEntities } from './schema';

export interface ConocerServiceOptions {
  env: ConocerEnvironment;
  logger: Logger;
  contextKeys?: ContextKeySource;
  readiness?: ReadinessCheck[];
  /** Shared bus and store; made from AMQP_URL/REDIS_URL when absent. */
  infrastructure?: Infrastructure;
  /** Called around every certification saga step (tests stop the process between steps with it). */
  sagaHooks?: SagaHooks;
}

/** The subgraph plus its CONOCER integration (client, standards sync) and certification engine, for wiring and tests. */
export interface ConocerRuntime extends SubgraphRuntime {
  conocer: Pick<StandardsSyncModule, 'client' | 'standardsSync' | 'syncJobs' | 'schedule'>;
  certifications: CertificationEngine;
}

/** The subgraph, migrated, with its standards catalog seeded from the bundled RENEC snapshot, the standards sync and the certification engine running. */
export async function createConocerService({ env, logger, contextKeys, readiness, infrastructure, sagaHooks }: ConocerServiceOptions): Promise<ConocerRuntime> {
  if (usesDevelopmentConocerCredentials(env)) logger.warn({ api: env.CONOCER_API_URL }, 'CONOCER_CLIENT_SECRET is not set: using the sandbox’s public development credentials');
  if (usesDevelopmentCurpKeys(env)) logger.warn('CURP_ENCRYPTION_KEYS / CURP_BLIND_INDEX_KEY are not set: CURPs are sealed with public development keys');
  // Request contexts are built only once the service listens, after `shared` is set below.
  let shared: ConocerShared | undefined;
  const runtime = await createSubgraphRuntime({
    service: 'conocer',
    env,
    logger,
    schema: applyCacheHints(await buildConocerSchema(), conocerCacheHints),
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
    let engine: CertificationEngine | undefined;
    // `conocerSync.pendingSubmissions` counts the engine's certifications on their way to CONOCER.
    const sync = createStandardsSyncModule({ env, orm: runtime.database.orm, infrastructure: runtime.infrastructure, catalogCache, logger, metrics: runtime.metrics, pendingSubmissions: () => engine?.pendingSubmissions() ?? noPendingSubmissions() });
    closers.push(() => sync.close());
    engine = await startCertificationEngine({ orm: runtime.database.orm, bus, store, env, logger, sagaHooks, conocerClient: sync.client });
    closers.push(() => engine!.close());
    shared = { catalogCache, standardsSync: sync.standardsSync, syncJobs: sync.syncJobs, conocerHealth: sync.conocerHealth, certificationEngine: engine, bus };
    const { client, standardsSync, syncJobs, schedule } = sync;
    return { ...runtime, conocer: { client, standardsSync, syncJobs, schedule }, certifications: engine, close };
  } catch (error) {
    await close();
    throw error;
  }
}
