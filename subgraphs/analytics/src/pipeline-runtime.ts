import type { EventBus } from '@academy/event-bus';
import type { Logger, Registry } from '@academy/service-kit';
import { ALL_TENANTS, type Database, forkWithTenantScope } from '@academy/subgraph-kit';
import type { SqlEntityManager } from '@mikro-orm/knex';
import type { AnalyticsEnvironment } from './environment';
import { PartitionManager } from './modules/events';
import { LivePublisher } from './modules/live';
import { OutboxRelay } from './modules/outbox';
import { createPipelinePrometheus, EventPipeline, type PipelineHooks } from './modules/pipeline';
import type { BlockedLearners } from './modules/privacy';
import { toProgressEvent } from './modules/progress';

export interface PipelineRuntime {
  pipeline: EventPipeline;
  relay: OutboxRelay;
  /** PostgreSQL only. */
  partitions: PartitionManager | null;
  close(): Promise<void>;
}

const DAY_MS = 86_400_000;

/**
 * The pipeline with what surrounds it: the live publisher behind its streams route, the outbox relay
 * behind its completion trigger (polling, and woken after each completion), and on PostgreSQL the
 * partition maintenance (at start, then daily).
 */
/** What the pipeline runtime takes from the rest of the service. */
export interface PipelineRuntimeOptions {
  /** Learners blocked by a cancellation: their events are dead-lettered. */
  blocked?: BlockedLearners;
  /** Late events stored: the aggregates recompute their periods. */
  lateEventsStored?: PipelineHooks['lateEventsStored'];
}

export async function createPipelineRuntime(
  env: AnalyticsEnvironment,
  database: Database,
  bus: EventBus,
  logger: Logger,
  metrics: Registry,
  { blocked, lateEventsStored }: PipelineRuntimeOptions = {},
): Promise<PipelineRuntime> {
  // Outside any request: the pipeline writes many tenants' rows per batch.
  const em = forkWithTenantScope(database.orm.em, ALL_TENANTS) as SqlEntityManager;
  const relay = new OutboxRelay(em, database.dialect, bus, logger.child({ component: 'outbox' }));
  const live = new LivePublisher(bus, logger);
  const relayNow = () => void relay.relay().catch((error: unknown) => logger.warn({ err: error }, 'outbox: relay round failed'));

  const partitions = database.dialect === 'postgresql' ? new PartitionManager(em, logger, { monthsAhead: env.PARTITION_MONTHS_AHEAD }) : null;
  await partitions?.ensure();

  // Read at scrape time, once the pipeline below exists.
  const prometheus = createPipelinePrometheus(metrics, () => pipeline.metrics);
  const pipeline = new EventPipeline({
    em,
    dialect: database.dialect,
    logger: logger.child({ component: 'pipeline' }),
    buffer: { maxBatch: env.PIPELINE_BATCH_SIZE, lingerMs: env.PIPELINE_LINGER_MS, concurrency: env.PIPELINE_CONCURRENCY, maxQueued: env.PIPELINE_MAX_QUEUED },
    learners: blocked,
    hooks: {
      streamStored: async (events) => {
        await Promise.all(events.map((event) => (event.kind === 'progress' ? live.progressRecorded(toProgressEvent(event)) : live.engagementRecorded(event))));
      },
      completionsQueued: relayNow,
      lateEventsStored,
      outboxPending: () => relay.pending(),
      eventProcessed: prometheus.eventProcessed,
    },
  });

  const timers = [
    setInterval(relayNow, env.OUTBOX_POLL_MS),
    ...(partitions ? [setInterval(() => void partitions.ensure().catch((error: unknown) => logger.error({ err: error }, 'partition maintenance failed')), DAY_MS)] : []),
  ];
  for (const timer of timers) timer.unref();
  relayNow();

  return {
    pipeline,
    relay,
    partitions,
    close: async () => {
      for (const timer of timers) clearInterval(timer);
      await pipeline.close();
      // A last round, so completions of the final batches are not left waiting for the next start.
      await relay.relay().catch(() => 0);
    },
  };
}
