import { AppError } from '@academy/service-kit';
import type { RateLimitResult } from './rate-limiter';
import type { BucketLimits, TakeResult } from './token-bucket';

/** Shopify's `extensions.cost`, which clients of calculated query costs already parse. */
export interface CostExtension {
  requestedQueryCost: number;
  /** Null when the operation did not run (throttled). */
  actualQueryCost: number | null;
  throttleStatus: { maximumAvailable: number; currentlyAvailable: number; restoreRate: number };
}

export function costExtension(requested: number, actual: number | null, available: number, limits: BucketLimits): CostExtension {
  return {
    requestedQueryCost: requested,
    actualQueryCost: actual,
    // Whole points, as Shopify reports them; the bucket itself keeps fractions.
    throttleStatus: { maximumAvailable: limits.capacity, currentlyAvailable: Math.floor(available), restoreRate: limits.restoreRate },
  };
}

/** The bucket does not hold the estimated cost: Shopify's THROTTLED with the bucket's state. */
export function throttledError(requested: number, take: TakeResult, limits: BucketLimits): AppError {
  return new AppError('THROTTLED', 'Throttled: the tenant\'s cost budget does not hold this operation right now.', {
    cost: costExtension(requested, null, take.available, limits),
    retryAfterMs: take.retryAfterMs,
  });
}

/** Too many requests in the window: Cosmo's `extensions.rateLimit` fields under this registry's code. */
export function rateLimitedError(result: RateLimitResult): AppError {
  const { requestRate, remaining, retryAfterMs, resetAfterMs } = result;
  return new AppError('RATE_LIMITED', 'Rate limit exceeded: too many requests; retry later.', {
    rateLimit: { requestRate, remaining, retryAfterMs, resetAfterMs },
  });
}

/** Refusals by the gateway's own limits: `rejected` rather than `error` in the usage log and the metrics. */
export const LIMIT_REJECTION_CODES: ReadonlySet<string> = new Set([
  'COST_LIMIT_EXCEEDED',
  'THROTTLED',
  'RATE_LIMITED',
  'SLICING_ARGUMENT_REQUIRED',
  'QUERY_TOO_DEEP',
  'TOO_MANY_ALIASES',
  'TOO_MANY_ROOT_FIELDS',
  'TOO_MANY_TOKENS',
  'DOCUMENT_TOO_LARGE',
  'SUBSCRIPTION_LIMIT_REACHED',
]);
