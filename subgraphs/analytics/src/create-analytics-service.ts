import type { ContextKeySource, Logger, ReadinessCheck } from '@academy/service-kit';
import { createSubgraphRuntime, type Infrastructure, type SubgraphRuntime } from '@academy/subgraph-kit';
import { createAnalyticsContext } from './context';
import type { AnalyticsEnvironment } from './environment';
import { migrations } from './migrations';
import { analyticsEntities, buildAnalyticsSchema } from './schema';

export interface AnalyticsServiceOptions {
  env: AnalyticsEnvironment;
  logger: Logger;
  contextKeys?: ContextKeySource;
  readiness?: ReadinessCheck[];
  /** Shared bus and store; made from AMQP_URL/REDIS_URL when absent. */
  infrastructure?: Infrastructure;
}

export async function createAnalyticsService({ env, logger, contextKeys, readiness, infrastructure }: AnalyticsServiceOptions): Promise<SubgraphRuntime> {
  return createSubgraphRuntime({
    service: 'analytics',
    env,
    logger,
    schema: await buildAnalyticsSchema(),
    entities: analyticsEntities,
    migrations,
    contextKeys,
    readiness,
    infrastructure,
    extendContext: createAnalyticsContext,
  });
}
