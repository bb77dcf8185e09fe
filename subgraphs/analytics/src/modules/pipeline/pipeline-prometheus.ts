import { Counter, Gauge, Histogram, metricOf, type Registry } from '@academy/service-kit';
import type { IngestResult } from './ingest-item';
import type { PipelineMetricsProvider } from './pipeline-metrics';

/** Receipt-to-outcome buckets (seconds): batching lingers milliseconds, a busy database seconds. */
const PROCESSING_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

const OUTCOME: Record<IngestResult['status'], string> = { stored: 'stored', duplicate: 'duplicate', rejected: 'dead_lettered' };

/**
 * The pipeline on analytics' `/metrics`: events by outcome and their processing time, observed as they
 * finish; queue depth and error rate read from the pipeline's own figures at scrape time.
 */
export function createPipelinePrometheus(registry: Registry, provider: () => PipelineMetricsProvider) {
  const registers = [registry];
  const processed = metricOf(
    registry,
    'academy_pipeline_events_processed_total',
    () => new Counter({ name: 'academy_pipeline_events_processed_total', help: 'Events the analytics pipeline finished, by outcome (stored, duplicate, dead_lettered).', labelNames: ['outcome'], registers }),
  );
  const latency = metricOf(
    registry,
    'academy_pipeline_processing_seconds',
    () => new Histogram({ name: 'academy_pipeline_processing_seconds', help: 'From an event reaching the pipeline to its outcome.', buckets: PROCESSING_BUCKETS, registers }),
  );
  const fromSnapshot = (name: string, help: string, read: (snapshot: Awaited<ReturnType<PipelineMetricsProvider['snapshot']>>) => number) =>
    metricOf(
      registry,
      name,
      () =>
        new Gauge({
          name,
          help,
          registers,
          async collect() {
            const snapshot = await provider().snapshot().catch(() => undefined);
            if (snapshot) this.set(read(snapshot));
          },
        }),
    );
  fromSnapshot('academy_pipeline_queue_depth', 'Events waiting in the ingestion buffer.', (s) => s.queueDepth);
  fromSnapshot('academy_pipeline_error_rate', 'Share (0-1) of the latest 1,024 events that were dead-lettered.', (s) => s.errorRate);
  return {
    eventProcessed(outcome: IngestResult['status'], latencyMs: number): void {
      processed.inc({ outcome: OUTCOME[outcome] });
      latency.observe(latencyMs / 1000);
    },
  };
}
