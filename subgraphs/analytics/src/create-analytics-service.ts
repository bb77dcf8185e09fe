import type { ConsumeOptions } from '@academy/event-bus';
import type { ContextKeySource, Logger, ReadinessCheck } from '@academy/service-kit';
import { ALL_TENANTS, applyCacheHints, createLiveFeed, createSubgraphRuntime, forkWithTenantScope, type Infrastructure, type LiveFeed, type SubgraphRuntime } from '@academy/subgraph-kit';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { analyticsCacheHints } from './cache-hints';
import { startAnalyticsConsumers } from './consumers';
import { createAnalyticsContext } from './context';
import type { AnalyticsEnvironment } from './environment';
import { migrations } from './migrations';
import { type AggregatesRuntime, createAggregatesRuntime } from './modules/aggregates';
import { LIVE_EVENT_TYPES, liveExecutionKey } from './modules/live';
import { BlockedLearners } from './modules/privacy';
import { CertificationMilestoneRecorder } from './modules/timeline';
import { createPipelineRuntime, type PipelineRuntime } from './pipeline-runtime';
import { analyticsEntities, analyticsUnmanagedTables, buildAnalyticsSchema } from './schema';

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
  /** The events pipeline, its outbox relay and partitions; `pipeline.pipeline.metrics` is the metrics provider. */
  pipeline: PipelineRuntime;
  /** The aggregate job, its scheduler and the answer cache. */
  aggregates: AggregatesRuntime;
}

export async function createAnalyticsService({ env, logger, contextKeys, readiness, infrastructure, consumeOptions }: AnalyticsServiceOptions): Promise<AnalyticsService> {
  // The feed needs the runtime's bus, and the runtime builds contexts with the feed: bound once both exist.
  let live: LiveFeed | undefined;
  let pipeline: PipelineRuntime | undefined;
  const blocked = new BlockedLearners();
  let aggregates: AggregatesRuntime | undefined;
  let milestones: CertificationMilestoneRecorder | undefined;
  const runtime = await createSubgraphRuntime({
    service: 'analytics',
    env,
    logger,
    schema: applyCacheHints(await buildAnalyticsSchema(), analyticsCacheHints),
    entities: analyticsEntities,
    unmanagedTables: analyticsUnmanagedTables,
    migrations,
    contextKeys,
    readiness,
    infrastructure,
    extendContext: (base, { database, infrastructure: shared }) => {
      if (!live || !pipeline || !aggregates || !milestones) throw new Error('analytics is still starting');
      return createAnalyticsContext(base, { database, infrastructure: shared, live, pipeline: pipeline.pipeline, blocked, aggregateCache: aggregates.cache, milestones });
    },
    // Subscribers whose results cannot differ share one execution per live event.
    subscriptionExecutionKey: liveExecutionKey,
  });
  const feed = createLiveFeed({ bus: runtime.infrastructure.bus, types: LIVE_EVENT_TYPES, logger: logger.child({ component: 'live-feed' }) });
  live = feed;
  const aggregation = createAggregatesRuntime({
    database: runtime.database,
    store: runtime.infrastructure.store,
    logger,
    intervalMs: env.AGGREGATES_INTERVAL_MS,
    cacheTtlMs: env.AGGREGATES_CACHE_TTL_MS,
  });
  aggregates = aggregation;
  const recorder = new CertificationMilestoneRecorder(
    () => forkWithTenantScope(runtime.database.orm.em, ALL_TENANTS) as SqlEntityManager,
    runtime.database.dialect,
    blocked,
    logger.child({ component: 'certification-milestones' }),
  );
  milestones = recorder;
  let stopConsumers: () => Promise<void>;
  let started: PipelineRuntime | undefined;
  try {
    await feed.start();
    await blocked.load(runtime.database.orm.em);
    started = await createPipelineRuntime(env, runtime.database, runtime.infrastructure.bus, logger, runtime.metrics, {
      blocked,
      lateEventsStored: (events) => aggregation.scheduler.lateEventsStored(events),
    });
    pipeline = started;
    const { relay } = started;
    const relayNow = () => void relay.relay().catch((error: unknown) => logger.warn({ err: error }, 'outbox: relay round failed'));
    stopConsumers = await startAnalyticsConsumers(runtime.infrastructure.bus, runtime.database, { pipeline: started.pipeline, milestones: recorder }, logger, consumeOptions, { blocked, relayNow });
    aggregation.scheduler.start();
  } catch (error) {
    await started?.close();
    await feed.close();
    await runtime.close();
    throw error;
  }
  const pipelineRuntime = started;
  return {
    ...runtime,
    live: feed,
    pipeline: pipelineRuntime,
    aggregates: aggregation,
    close: async () => {
      await stopConsumers();
      // Requests still running may be waiting on the pipeline: it drains before the database closes.
      await pipelineRuntime.close();
      await aggregation.scheduler.close();
      await runtime.close();
      await feed.close();
    },
  };
}
