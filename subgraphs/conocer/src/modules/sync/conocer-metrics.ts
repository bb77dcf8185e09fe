import type { ConocerCallRecord } from '@academy/conocer-client';
import { BoundedLabel, Counter, Gauge, metricOf, type Registry } from '@academy/service-kit';
import type { PendingSubmissionsProvider } from './pending-submissions';
import type { SyncMode } from './sync-job.entity';
import type { SyncJobRepository } from './sync-job.repository';

export interface ConocerMetrics {
  syncFinished(mode: SyncMode, outcome: 'succeeded' | 'failed'): void;
  call(record: Pick<ConocerCallRecord, 'operation' | 'outcome'>): void;
}

/**
 * The CONOCER integration's families. Runs and calls are counted by the replica that made them; the
 * sync and backlog gauges are read from the database at scrape time, so every replica reports the
 * same (shared) state and a restart loses nothing: alert on their `max`.
 */
export function createConocerMetrics(registry: Registry, jobs: SyncJobRepository, pending: PendingSubmissionsProvider): ConocerMetrics {
  const registers = [registry];
  const runs = metricOf(
    registry,
    'academy_conocer_sync_runs_total',
    () => new Counter({ name: 'academy_conocer_sync_runs_total', help: 'Standards sync runs this replica finished, by mode (FULL, INCREMENTAL) and outcome (succeeded, failed).', labelNames: ['mode', 'outcome'], registers }),
  );
  const calls = metricOf(
    registry,
    'academy_conocer_calls_total',
    () => new Counter({ name: 'academy_conocer_calls_total', help: 'HTTP calls to CONOCER (every attempt), by client operation and outcome (ok, error).', labelNames: ['operation', 'outcome'], registers }),
  );
  // A gauge read from the database; a failed read keeps the last value rather than failing the scrape.
  const fromDatabase = (name: string, help: string, read: () => Promise<number>) =>
    metricOf(
      registry,
      name,
      () =>
        new Gauge({
          name,
          help,
          registers,
          async collect() {
            const value = await read().catch(() => undefined);
            if (value !== undefined) this.set(value);
          },
        }),
    );
  fromDatabase('academy_conocer_sync_consecutive_failures', 'Standards sync runs that failed since the last successful one.', () => jobs.consecutiveFailures());
  fromDatabase('academy_conocer_sync_last_success_timestamp_seconds', 'When the last successful standards sync finished (Unix seconds); 0 before the first.', async () => {
    const finishedAt = (await jobs.lastSucceeded())?.finishedAt;
    return finishedAt ? finishedAt.getTime() / 1000 : 0;
  });
  fromDatabase('academy_conocer_pending_submissions', 'Certification submissions on their way to CONOCER (PENDING or SUBMITTED).', async () => (await pending()).count);
  fromDatabase('academy_conocer_oldest_pending_submission_age_seconds', 'Age of the oldest certification on its way to CONOCER (0 when none waits).', async () => {
    const { oldestSince } = await pending();
    return oldestSince ? Math.max(0, (Date.now() - oldestSince.getTime()) / 1000) : 0;
  });
  // The client's operations are a fixed set; the bound only guards against a future free-form name.
  const operation = new BoundedLabel(20);
  return {
    syncFinished: (mode, outcome) => runs.inc({ mode, outcome }),
    call: (record) => calls.inc({ operation: operation.of(record.operation), outcome: record.outcome }),
  };
}
