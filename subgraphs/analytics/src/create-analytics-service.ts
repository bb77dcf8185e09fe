import type { ConsumeOptions } from '@academy/event-bus';
import type { ContextKeySource, Logger, ReadinessCheck } from '@academy/service-kit';
import { createLiveFeed, createSubgraphRuntime, type Infrastructure, type LiveFeed, type SubgraphRuntime } from '@academy/subgraph-kit';
import { startAnalyticsConsumers } from './consumers';
import { createAnalyticsContext } from './context';
import type { AnalyticsEnvironment } from './environment';
import { migrations } from './migrations';
import { LIVE_EVENT_TYPES } from './modules/live';
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

export interface AnalyticsService extends SubgraphRuntime {
  /** The feed behind the `Subscription` fields (tests count its subscribers). */
  live: LiveFeed;
}

export async function createAnalyticsService({ env, logger, contextKeys, readiness, infrastructure, consumeOptions }: AnalyticsServiceOptions): Promise<AnalyticsService> {
  // The feed needs the runtime's bus, and the runtime builds contexts with the feed: bound once both exist.
  let live: LiveFeed | undefined;
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
    extendContext: (base, { database, infrastructure: shared }) => {
      if (!live) throw new Error('analytics is still starting');
      return createAnalyticsContext(base, { database, infrastructure: shared, live });
    },
  });
  const feed = createLiveFeed({ bus: runtime.infrastructure.bus, types: LIVE_EVENT_TYPES, logger: logger.child({ component: 'live-feed' }) });
  live = feed;
  let stopConsumers: () => Promise<void>;
  try {
    await feed.start();
    stopConsumers = await startAnalyticsConsumers(runtime.infrastructure.bus, runtime.database, logger, consumeOptions);
  } catch (error) {
    await feed.close();
    await runtime.close();
    throw error;
  }
  return {
    ...runtime,
    live: feed,
    close: async () => {
      await stopConsumers();
      await runtime.close();
      await feed.close();
    },
  };
}
