import type { RateLimit, RateLimiter, RateLimitResult } from './rate-limiter';
import { assertLimits, assertPoints, type BucketLimits, type TakeResult, type TokenBucket } from './token-bucket';

/** One operation's admission: count it against the request rates, then debit its estimated cost. */
export interface AdmissionRequest {
  rate: readonly RateLimit[];
  /** The cost bucket's key, the estimate to debit and the bucket's limits. */
  key: string;
  cost: number;
  limits: BucketLimits;
}

export interface AdmissionResult {
  rate: RateLimitResult;
  /** Absent when a rate limit refused: then nothing was debited. */
  take?: TakeResult;
  /** Admitted from what this replica had reserved of the shared limits, without a round trip (leased-admission.ts). */
  leased?: true;
}

/**
 * The checks before execution that need shared state. The Redis implementation does both in one
 * script (one round trip per operation); a refused rate leaves the bucket untouched, and a request
 * counted by the rate stays counted when the bucket then refuses it.
 */
export interface AdmissionLimiter {
  admit(request: AdmissionRequest): Promise<AdmissionResult>;
}

/** The rate first, then the bucket only when the rate allowed: the in-process limiters' admission. */
export function composeAdmission(rate: RateLimiter, bucket: TokenBucket): AdmissionLimiter {
  return {
    async admit({ rate: limits, key, cost, limits: bucketLimits }) {
      assertLimits(bucketLimits);
      assertPoints(cost);
      const result = await rate.hit(limits);
      return result.allowed ? { rate: result, take: await bucket.take(key, cost, bucketLimits) } : { rate: result };
    },
  };
}
