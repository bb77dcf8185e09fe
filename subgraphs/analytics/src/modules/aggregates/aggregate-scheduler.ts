import type { Logger } from '@academy/service-kit';
import type { AggregateCache } from './aggregate-cache';
import type { AggregateJob } from './aggregate-job';

export interface AggregateSchedulerOptions {
  job: AggregateJob;
  cache: AggregateCache;
  logger: Logger;
  /** How often due periods are looked for (and computed). */
  intervalMs: number;
}

/** A stored event the aggregates may have counted already (its period is closed). */
export interface LateEvent {
  tenantId: string;
  courseId: string;
  occurredAt: Date;
}

/**
 * Runs the aggregate job in-process: every `intervalMs`, and soon after late events made periods
 * stale. One run at a time per replica; replicas coordinate through the job's locks.
 */
export class AggregateScheduler {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | null = null;
  private again = false;
  private closed = false;

  constructor(private readonly options: AggregateSchedulerOptions) {}

  start(): void {
    this.timer = setInterval(() => this.kick(), this.options.intervalMs);
    this.timer.unref();
    this.kick();
  }

  /** Runs the job now, or right after the current run. */
  kick(): void {
    if (this.closed) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.options.job
      .runDue()
      .then(() => undefined)
      .catch((error: unknown) => this.options.logger.error({ err: error }, 'aggregates: run failed; retried at the next interval'))
      .finally(() => {
        this.running = null;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  /** The pipeline's late-event hook: marks the periods stale, drops cached answers, recomputes soon. */
  async lateEventsStored(events: LateEvent[]): Promise<void> {
    const { job, cache, logger } = this.options;
    try {
      await job.markStale(events.map((e) => e.occurredAt));
      await cache.invalidate(events);
    } catch (error) {
      logger.error({ err: error, events: events.length }, 'aggregates: could not record late events; queries may serve older figures until the cache expires');
      return;
    }
    this.kick();
  }

  /** Waits for the current run (the database closes after). */
  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.timer);
    await this.running;
  }
}
