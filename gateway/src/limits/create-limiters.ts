import type { KeyValueStore } from '@academy/cache';
import { createMemoryRateLimiter } from './memory-rate-limiter';
import { createMemoryTokenBucket } from './memory-token-bucket';
import type { RateLimiter } from './rate-limiter';
import type { RedisLimiterOptions } from './redis-failure-policy';
import { createRedisRateLimiter } from './redis-rate-limiter';
import { createRedisTokenBucket } from './redis-token-bucket';
import type { TokenBucket } from './token-bucket';

export type LimiterOptions = Omit<RedisLimiterOptions, 'redis'> & {
  /** The gateway's store: Redis-backed limiters when it has a Redis client, in-process ones otherwise. */
  store: KeyValueStore;
};

/** The cost budget for the store the gateway runs with. */
export function createTokenBucket({ store, ...options }: LimiterOptions): TokenBucket {
  return store.redis ? createRedisTokenBucket({ ...options, redis: store.redis }) : createMemoryTokenBucket({ now: options.now });
}

/** The request-rate limiter for the store the gateway runs with. */
export function createRateLimiter({ store, ...options }: LimiterOptions): RateLimiter {
  return store.redis ? createRedisRateLimiter({ ...options, redis: store.redis }) : createMemoryRateLimiter({ now: options.now });
}
