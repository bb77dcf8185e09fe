import type { ConsumeOptions } from '@academy/event-bus';
import type { ContextKeySource, Logger, ReadinessCheck } from '@academy/service-kit';
import { createSubgraphRuntime, type Infrastructure, type SubgraphRuntime } from '@academy/subgraph-kit';
import { startAnalyticsConsumers } from './consumers';
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
  /** Retry policy of analytics' consumers. @default the bus's (5 attempts, from 1 s apart) */
  consumeOptions?: ConsumeOptions;
}

export async function createAnalyticsService({ env, logger, contextKeys, readiness, infrastructure, consumeOptions }: AnalyticsServiceOptions): Promise<SubgraphRuntime> {
  const runtime = await createSubgraphRuntime({
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
  let stopConsumers: () => Promise<void>;
  try {
    stopConsumers = await startAnalyticsConsumers(runtime.infrastructure.bus, runtime.database, logger, consumeOptions);
  } catch (error) {
    await runtime.close();
    throw error;
  }
  return {
    ...runtime,
    close: async () => {
      await stopConsumers();
      await runtime.close();
    },
  };
}
