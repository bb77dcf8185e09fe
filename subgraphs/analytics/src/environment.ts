import { parseEnvironment } from '@academy/service-kit';
import { subgraphEnvironmentSchema } from '@academy/subgraph-kit';
import { z } from 'zod';

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

export const analyticsEnvironmentSchema = subgraphEnvironmentSchema('analytics', 4003).extend({
  PIPELINE_BATCH_SIZE: positiveInt(1000).describe('Events the pipeline stores per batch (one transaction) at most.'),
  PIPELINE_LINGER_MS: positiveInt(5).describe('How long the first buffered event waits for others before a partial batch is stored.'),
  PIPELINE_CONCURRENCY: positiveInt(2).describe('Batches stored at once.'),
  PIPELINE_MAX_QUEUED: positiveInt(20_000).describe('Events buffered at most; senders wait beyond (backpressure).'),
  OUTBOX_POLL_MS: positiveInt(1000).describe('How often the outbox relay looks for events to publish (it is also woken after each completion).'),
  AGGREGATES_INTERVAL_MS: positiveInt(60_000).describe('How often the aggregate job looks for closed or stale periods to compute (it also runs soon after late events).'),
  AGGREGATES_CACHE_TTL_MS: positiveInt(3_600_000).describe('How long courseAnalytics/tenantAnalytics answers are cached (Redis when REDIS_URL is set); late events invalidate them sooner.'),
  PARTITION_MONTHS_AHEAD: positiveInt(3).describe('PostgreSQL: months after the current one whose `analytics_events` partition is created in advance.'),
});

export type AnalyticsEnvironment = z.infer<typeof analyticsEnvironmentSchema>;

export function loadAnalyticsEnvironment(source: NodeJS.ProcessEnv = process.env): AnalyticsEnvironment {
  return parseEnvironment('analytics', analyticsEnvironmentSchema, source);
}
