/** A point-in-time reading of the pipeline, for the `pipelineMetrics` query and for metrics exporters. */
export interface PipelineMetricsSnapshot {
  /** Events that reached a final outcome since start: stored + duplicates + dead-lettered. */
  eventsProcessed: number;
  eventsStored: number;
  duplicatesIgnored: number;
  deadLettered: number;
  /** Batches that failed whole (database errors); their events were answered with an error, not lost. */
  failedBatches: number;
  /** Events waiting in the ingestion buffer now. */
  queueDepth: number;
  /** Milliseconds from receipt to outcome over the last `window` events. */
  processingLatency: { window: number; meanMs: number; p50Ms: number; p95Ms: number; p99Ms: number; maxMs: number };
  /** Dead-lettered ÷ processed over the last `window` events (0 when none). */
  errorRate: number;
  /** Outbox events not yet published to the bus. */
  outboxPending: number;
  /** The last hour, one entry per minute in which events finished, oldest first. */
  perMinute: PipelineMinute[];
}

export interface PipelineMinute {
  /** Start of the minute. */
  at: Date;
  events: number;
  deadLettered: number;
  meanLatencyMs: number;
}

/** What the observability work reads: a snapshot on demand, no coupling to a metrics library. */
export interface PipelineMetricsProvider {
  snapshot(): Promise<PipelineMetricsSnapshot>;
}

const WINDOW = 1024;
const MINUTE_MS = 60_000;
const HISTORY_MINUTES = 60;

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  // Nearest rank.
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** Counters since start plus a sliding window of the latest outcomes (latency, failure). */
export class PipelineMetrics {
  private stored = 0;
  private duplicates = 0;
  private deadLettered = 0;
  private failedBatches = 0;
  private readonly latencies = new Float64Array(WINDOW);
  private readonly failures = new Uint8Array(WINDOW);
  private next = 0;
  private filled = 0;
  /** Minute number → that minute's figures; at most the last hour is kept. */
  private readonly minutes = new Map<number, { events: number; deadLettered: number; latencyMs: number }>();

  record(outcome: 'stored' | 'duplicate' | 'rejected', latencyMs: number, now = Date.now()): void {
    const minute = Math.floor(now / MINUTE_MS);
    const bucket = this.minutes.get(minute) ?? { events: 0, deadLettered: 0, latencyMs: 0 };
    bucket.events++;
    bucket.deadLettered += outcome === 'rejected' ? 1 : 0;
    bucket.latencyMs += latencyMs;
    this.minutes.set(minute, bucket);
    this.prune(minute);
    if (outcome === 'stored') this.stored++;
    else if (outcome === 'duplicate') this.duplicates++;
    else this.deadLettered++;
    this.latencies[this.next] = latencyMs;
    this.failures[this.next] = outcome === 'rejected' ? 1 : 0;
    this.next = (this.next + 1) % WINDOW;
    this.filled = Math.min(this.filled + 1, WINDOW);
  }

  private prune(current: number): void {
    for (const minute of this.minutes.keys()) if (minute <= current - HISTORY_MINUTES) this.minutes.delete(minute);
  }

  batchFailed(): void {
    this.failedBatches++;
  }

  read(queueDepth: number, outboxPending: number, now = Date.now()): PipelineMetricsSnapshot {
    this.prune(Math.floor(now / MINUTE_MS));
    const window = Array.from(this.latencies.subarray(0, this.filled)).sort((a, b) => a - b);
    const failures = this.failures.subarray(0, this.filled).reduce((sum, f) => sum + f, 0);
    const mean = window.length ? window.reduce((sum, v) => sum + v, 0) / window.length : 0;
    return {
      eventsProcessed: this.stored + this.duplicates + this.deadLettered,
      eventsStored: this.stored,
      duplicatesIgnored: this.duplicates,
      deadLettered: this.deadLettered,
      failedBatches: this.failedBatches,
      queueDepth,
      processingLatency: {
        window: window.length,
        meanMs: mean,
        p50Ms: percentile(window, 50),
        p95Ms: percentile(window, 95),
        p99Ms: percentile(window, 99),
        maxMs: window.at(-1) ?? 0,
      },
      errorRate: window.length ? failures / window.length : 0,
      outboxPending,
      perMinute: [...this.minutes]
        .sort(([a], [b]) => a - b)
        .map(([minute, { events, deadLettered, latencyMs }]) => ({ at: new Date(minute * MINUTE_MS), events, deadLettered, meanLatencyMs: latencyMs / events })),
    };
  }
}
