import type { KeyValueStore } from '@academy/cache';
import { type AdmissionLimiter, composeAdmission } from './admission';
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
};

export interface Limiters {
  rate: RateLimiter;
  bucket: TokenBucket;
  /** Rate and bucket together: one Redis round trip per admitted operation. */
  admission: AdmissionLimiter;
}

/** The request-rate limiter, the cost bucket and their combined admission for the store the gateway runs with. */
export function createLimiters({ store, ...options }: LimiterOptions): Limiters {
  if (!store.redis) {
    const rate = createMemoryRateLimiter({ now: options.now });
    const bucket = createMemoryTokenBucket({ now: options.now });
    return { rate, bucket, admission: composeAdmission(rate, bucket) };
  }
  const redisOptions = { ...options, redis: store.redis };
  const rate = createRedisRateLimiter(redisOptions);
  const bucket = createRedisTokenBucket(redisOptions);
  return { rate, bucket, admission: createRedisAdmission(redisOptions, rate, bucket) };
}
