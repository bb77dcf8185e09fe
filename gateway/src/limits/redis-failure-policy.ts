import { withRedisDeadline } from './redis-deadline';
import type { RedisClient } from './redis-script';

/**
 * What a limiter does when Redis fails or misses the deadline:
 * - `local`: decide with an in-process limiter holding this replica's share (limits ÷ expected replicas);
 * - `fail-open`: allow (availability over enforcement);
 * - `fail-closed`: refuse (enforcement over availability).
 */
export type RedisFailurePolicy = 'local' | 'fail-open' | 'fail-closed';

export interface RedisLimiterOptions {
  /** A Redis-backed store's client (`KeyValueStore.redis`). */
  redis: RedisClient;
  /** Prepended to every limiter key, after the client's own prefix. @default '' */
  keyPrefix?: string;
  /** The most a call waits for Redis before the policy decides; a limiter must never hang a request. @default 50 */
  timeoutMs?: number;
  /** @default 'local' */
  onRedisFailure?: RedisFailurePolicy;
  /** Replicas sharing the limits; the `local` fallback enforces 1/n of each limit per replica. @default 1 */
  expectedReplicas?: number;
  /**
   * Epoch ms passed to the script. Undefined (the default) makes the script read Redis `TIME`: one
   * clock for every replica, so skewed hosts cannot restore a shared bucket early or late. Tests
   * inject a clock to check the arithmetic exactly. @default undefined
   */
  now?: () => number;
}

export type RedisOutcome<T> = { ok: true; value: T } | { ok: false; error: Error };

/**
 * Waits (at most `ms`) for a connection that is still being opened: the store's client rejects
 * commands until it is ready (no offline queue), which would send the first requests after a start
 * to the fallback. A connection that is down (reconnecting, closed) fails at once.
 */
function whenConnected(redis: RedisClient, ms: number): Promise<void> {
  if (redis.status === 'ready') return Promise.resolve();
  if (redis.status !== 'connecting' && redis.status !== 'connect' && redis.status !== 'wait') {
    return Promise.reject(new Error(`Redis is unavailable (connection ${redis.status})`));
  }
  return new Promise((resolve, reject) => {
    const settle = (error?: Error) => {
      clearTimeout(timer);
      redis.off('ready', onReady);
      redis.off('error', settle);
      if (error) reject(error);
      else resolve();
    };
    const onReady = () => settle();
    const timer = setTimeout(() => settle(new Error(`Redis did not connect within ${ms} ms`)), ms);
    redis.once('ready', onReady);
    redis.once('error', settle);
    if (redis.status === 'wait') redis.connect().catch(() => undefined);
  });
}

/** Runs one Redis call under the deadline, turning every failure (down, timeout, script error) into a value. */
export async function tryRedis<T>(redis: RedisClient, run: () => Promise<T>, timeoutMs: number): Promise<RedisOutcome<T>> {
  try {
    const work = whenConnected(redis, timeoutMs).then(run);
    return { ok: true, value: await withRedisDeadline(work, timeoutMs, `Redis did not answer within ${timeoutMs} ms`) };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error : new Error(String(error)) };
  }
}

export function validatePolicy({ timeoutMs = 50, expectedReplicas = 1, onRedisFailure = 'local' }: Partial<RedisLimiterOptions>) {
  if (!(timeoutMs > 0)) throw new RangeError(`timeoutMs must be positive, got ${timeoutMs}`);
  if (!Number.isInteger(expectedReplicas) || expectedReplicas < 1) throw new RangeError(`expectedReplicas must be a positive integer, got ${expectedReplicas}`);
  return { timeoutMs, expectedReplicas, onRedisFailure };
}
