import type { KeyValueStore } from '@academy/cache';
import { type AdmissionLimiter, composeAdmission } from './admission';
import { createLeasedAdmission } from './leased-admission';
import { createMemoryRateLimiter } from './memory-rate-limiter';
import { createMemoryTokenBucket } from './memory-token-bucket';
import type { RateLimiter } from './rate-limiter';
import { createRedisAdmission } from './redis-admission';
import type { RedisLimiterOptions } from './redis-failure-policy';
import { createRedisRateLimiter } from './redis-rate-limiter';
import { createRedisTokenBucket } from './redis-token-bucket';
import type { TokenBucket } from './token-bucket';

export type LimiterOptions = Omit<RedisLimiterOptions, 'redis'> & {
  /** The gateway's store: Redis-backed limiters when it has a Redis client, in-process ones otherwise. */
  store: KeyValueStore;
  /** With Redis: how long a replica may hold what it reserves of a busy key's limits (see leased-admission.ts); 0 decides every request in Redis. @default 0 */
  leaseMs?: number;
  /** Where a failure to give unused reservations back is reported. */
  onLeaseReleaseError?: (error: Error) => void;
};

export interface Limiters {
  rate: RateLimiter;
  bucket: TokenBucket;
  /** Rate and bucket together: at most one Redis round trip per admitted operation. */
  admission: AdmissionLimiter;
  /** Gives back what this replica holds of shared limits (on shutdown). */
  close(): Promise<void>;
}

/** The request-rate limiter, the cost bucket and their combined admission for the store the gateway runs with. */
export function createLimiters({ store, leaseMs = 0, onLeaseReleaseError = () => undefined, ...options }: LimiterOptions): Limiters {
  const close = async () => undefined;
  if (!store.redis) {
    const rate = createMemoryRateLimiter({ now: options.now });
    const bucket = createMemoryTokenBucket({ now: options.now });
    return { rate, bucket, admission: composeAdmission(rate, bucket), close };
  }
  const redisOptions = { ...options, redis: store.redis };
  const rate = createRedisRateLimiter(redisOptions);
  const bucket = createRedisTokenBucket(redisOptions);
  if (leaseMs > 0) return { rate, ...createLeasedAdmission({ ...redisOptions, leaseMs, onReleaseError: onLeaseReleaseError }, rate, bucket) };
  return { rate, bucket, admission: createRedisAdmission(redisOptions, rate, bucket), close };
}
