import type { BucketLimits, TokenBucket } from './token-bucket';

export interface RefundBatcher {
  /** Queues a refund; refunds of one key within the interval go to the bucket as one call. */
  refund(key: string, points: number, limits: BucketLimits): void;
  /** Sends what is queued now (on shutdown). */
  flush(): Promise<void>;
}

/**
 * Refunds of estimate − actual coalesced per key: a busy tenant's refunds cost one Redis call per
 * interval instead of one per operation. Until then the bucket holds slightly less than it could,
 * which only ever errs towards refusing.
 */
export function createRefundBatcher(bucket: TokenBucket, onError: (error: unknown) => void, intervalMs = 20): RefundBatcher {
  let pending = new Map<string, { points: number; limits: BucketLimits }>();
  let timer: NodeJS.Timeout | undefined;

  const flush = async () => {
    clearTimeout(timer);
    timer = undefined;
    const batch = pending;
    pending = new Map();
    await Promise.all([...batch].map(([key, { points, limits }]) => bucket.refund(key, points, limits).catch(onError)));
  };

  return {
    refund(key, points, limits) {
      if (!(points > 0)) return;
      const queued = pending.get(key);
      // The latest limits win: an override changed meanwhile applies to the whole refund.
      pending.set(key, { points: (queued?.points ?? 0) + points, limits });
      timer ??= setTimeout(() => void flush(), intervalMs).unref();
    },
    flush,
  };
}
