import { loadCompetencyStandards } from '@academy/renec';
import type { ContextKeySource, Logger, ReadinessCheck } from '@academy/service-kit';
import { createSubgraphRuntime, type Infrastructure, type SubgraphRuntime } from '@academy/subgraph-kit';
import { createConocerContext } from './context';
import type { ConocerEnvironment } from './environment';
import { migrations } from './migrations';
import { importStandardCatalog } from './modules/standard';
import { buildConocerSchema, conocerEntities } from './schema';

export interface ConocerServiceOptions {
  env: ConocerEnvironment;
  logger: Logger;
  contextKeys?: ContextKeySource;
  readiness?: ReadinessCheck[];
  /** Shared bus and store; made from AMQP_URL/REDIS_URL when absent. */
  infrastructure?: Infrastructure;
}

/** The subgraph, migrated and with its standards catalog seeded from the bundled RENEC snapshot. */
export async function createConocerService({ env, logger, contextKeys, readiness, infrastructure }: ConocerServiceOptions): Promise<SubgraphRuntime> {
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
    extendContext: createConocerContext,
  });
  try {
    const imported = await importStandardCatalog(runtime.database.orm.em.fork(), loadCompetencyStandards());
    if (imported > 0) logger.info({ standards: imported }, 'imported the RENEC catalog snapshot');
  } catch (error) {
    await runtime.close();
    throw error;
  }
  return runtime;
}
