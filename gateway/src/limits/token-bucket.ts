/** A budget: Shopify's leaky bucket of cost points. */
export interface BucketLimits {
  /** Most points the bucket holds; a full bucket is the state of a key never seen. */
  capacity: number;
  /** Points restored per second, continuously. */
  restoreRate: number;
}

/**
 * Which store answered: `memory` (the in-process bucket), `redis` (the shared bucket), or, when
 * Redis failed or was too slow, the policy that answered instead (`local`, `fail-open`, `fail-closed`),
 * so the caller can log and count degraded decisions.
 */
export type BudgetPath = 'memory' | 'redis' | 'local' | 'fail-open' | 'fail-closed';

export interface TakeResult {
  allowed: boolean;
  /** Points in the bucket after this call (after the take when allowed). */
  available: number;
  /** 0 when allowed; else the wait until the bucket holds the cost; null when it never will (cost > capacity). */
  retryAfterMs: number | null;
  path: BudgetPath;
  /** Why Redis was not used, when it was not. */
  error?: Error;
}

export interface RefundResult {
  available: number;
  path: BudgetPath;
  error?: Error;
}

/** One interface for the in-process and the Redis bucket, so the caller never knows which it has. */
export interface TokenBucket {
  /** Takes `cost` points if the bucket holds them all; otherwise takes nothing. */
  take(key: string, cost: number, limits: BucketLimits): Promise<TakeResult>;
  /** Gives points back (estimate − actual after execution), never above capacity. */
  refund(key: string, points: number, limits: BucketLimits): Promise<RefundResult>;
}

export function assertLimits({ capacity, restoreRate }: BucketLimits): void {
  if (!(capacity > 0) || !Number.isFinite(capacity)) throw new RangeError(`capacity must be a positive number, got ${capacity}`);
  if (!(restoreRate > 0) || !Number.isFinite(restoreRate)) throw new RangeError(`restoreRate must be a positive number, got ${restoreRate}`);
}

export function assertPoints(points: number): void {
  if (!(points >= 0) || !Number.isFinite(points)) throw new RangeError(`points must be a non-negative number, got ${points}`);
}

/** How long until a bucket with `available` points holds `cost`, restoring at `restoreRate` per second. */
export function retryAfterMs(available: number, cost: number, { capacity, restoreRate }: BucketLimits): number | null {
  if (cost > capacity) return null;
  return available >= cost ? 0 : Math.ceil(((cost - available) * 1000) / restoreRate);
}
