import { Counter, Gauge, Histogram, LATENCY_BUCKETS, metricOf, type Registry } from '@academy/service-kit';
import type { DomainEvent } from './domain-event';

/** What a bus reports as it works; `observeEventBus` and the implementations call it. */
export interface EventBusObserver {
  published(type: string, outcome: 'ok' | 'failed'): void;
  /** `group` is the consumer group, or `broadcast`. */
  handled(group: string, event: DomainEvent, outcome: 'ok' | 'failed', seconds: number): void;
  deadLettered(group: string, type: string): void;
  /** Groups whose queue depth the registry reports at scrape time. */
  watchQueue(group: string, depth: () => Promise<number>): void;
}

/** Lag buckets reach past 5 minutes, the processing-delay alert's threshold. */
const LAG_BUCKETS = [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 30, 60, 120, 300, 600, 1800];

/** Event-bus metric families; several buses in one process (and one registry) share them. */
export function createEventBusMetrics(registry: Registry): EventBusObserver {
  const registers = [registry];
  const published = metricOf(
    registry,
    'academy_event_bus_published_total',
    () => new Counter({ name: 'academy_event_bus_published_total', help: 'Domain events published, by type and outcome (failed: not confirmed by the broker).', labelNames: ['type', 'outcome'], registers }),
  );
  const consumed = metricOf(
    registry,
    'academy_event_bus_consumed_total',
    () =>
      new Counter({
        name: 'academy_event_bus_consumed_total',
        help: 'Handler runs for delivered events, by consumer group (or broadcast), type and outcome (failed attempts are retried until dead-lettered).',
        labelNames: ['group', 'type', 'outcome'],
        registers,
      }),
  );
  const duration = metricOf(
    registry,
    'academy_event_bus_handler_duration_seconds',
    () => new Histogram({ name: 'academy_event_bus_handler_duration_seconds', help: 'Handler run time per delivered event.', labelNames: ['group'], buckets: LATENCY_BUCKETS, registers }),
  );
  const lag = metricOf(
    registry,
    'academy_event_bus_processing_lag_seconds',
    () =>
      new Histogram({
        name: 'academy_event_bus_processing_lag_seconds',
        help: 'From an event occurring (occurredAt) to a handler finishing it successfully: the pipeline delay.',
        labelNames: ['group'],
        buckets: LAG_BUCKETS,
        registers,
      }),
  );
  const deadLettered = metricOf(
    registry,
    'academy_event_bus_dead_lettered_total',
    () => new Counter({ name: 'academy_event_bus_dead_lettered_total', help: 'Events dead-lettered after their last failed attempt, by group and type.', labelNames: ['group', 'type'], registers }),
  );
  const queues = new Map<string, () => Promise<number>>();
  metricOf(
    registry,
    'academy_event_bus_queue_depth',
    () =>
      new Gauge({
        name: 'academy_event_bus_queue_depth',
        help: 'Events waiting in a consumer group queue (not counting those being handled or waiting for a retry).',
        labelNames: ['group'],
        registers,
        async collect() {
          this.reset();
          await Promise.all(
            [...queues].map(async ([group, depth]) => {
              // An unreachable broker leaves the series out rather than failing the whole scrape.
              const value = await depth().catch(() => undefined);
              if (value !== undefined) this.set({ group }, value);
            }),
          );
        },
      }),
  );

  return {
    published: (type, outcome) => published.inc({ type, outcome }),
    handled(group, event, outcome, seconds) {
      consumed.inc({ group, type: event.type, outcome });
      duration.observe({ group }, seconds);
      const occurred = Date.parse(event.occurredAt);
      if (outcome === 'ok' && Number.isFinite(occurred)) lag.observe({ group }, Math.max(0, Date.now() - occurred) / 1000);
    },
    deadLettered: (group, type) => deadLettered.inc({ group, type }),
    watchQueue: (group, depth) => void queues.set(group, depth),
  };
}
