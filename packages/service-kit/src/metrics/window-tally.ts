export interface WindowTallyOptions {
  /** How far back the tally counts. @default 300_000 (5 minutes) */
  windowMs?: number;
  /** Width of one bucket; the window slides by this much. @default 10_000 */
  bucketMs?: number;
  /** @default Date.now */
  now?: () => number;
}

/**
 * Counts per key over a sliding window (bucketed), exactly: what the busiest tenants of the last five
 * minutes are, for the tenant-distribution gauge (top N and `other`) and the integration health.
 * Memory is bounded by the keys active within the window.
 */
export class WindowTally {
  private readonly windowMs: number;
  private readonly bucketMs: number;
  private readonly now: () => number;
  /** Bucket start (ms) → key → count; old buckets are dropped on every read and write. */
  private readonly buckets = new Map<number, Map<string, number>>();

  constructor({ windowMs = 300_000, bucketMs = 10_000, now = Date.now }: WindowTallyOptions = {}) {
    this.windowMs = windowMs;
    this.bucketMs = bucketMs;
    this.now = now;
  }

  add(key: string, count = 1): void {
    const at = this.now();
    this.prune(at);
    const start = at - (at % this.bucketMs);
    let bucket = this.buckets.get(start);
    if (!bucket) {
      bucket = new Map();
      this.buckets.set(start, bucket);
    }
    bucket.set(key, (bucket.get(key) ?? 0) + count);
  }

  /** Every key's count within the window, largest first. */
  totals(): [string, number][] {
    this.prune(this.now());
    const sums = new Map<string, number>();
    for (const bucket of this.buckets.values()) for (const [key, count] of bucket) sums.set(key, (sums.get(key) ?? 0) + count);
    return [...sums].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  }

  /** The `n` largest keys, and everything else summed under `otherKey` (absent when nothing else counted). */
  top(n: number, otherKey = 'other'): [string, number][] {
    const all = this.totals();
    const head = all.slice(0, n);
    const rest = all.slice(n).reduce((sum, [, count]) => sum + count, 0);
    return rest > 0 ? [...head, [otherKey, rest]] : head;
  }

  private prune(at: number): void {
    const oldest = at - this.windowMs;
    for (const start of this.buckets.keys()) if (start + this.bucketMs <= oldest) this.buckets.delete(start);
  }
}
