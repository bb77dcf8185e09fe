import { assertRateLimit, type RateLimit, type RateLimiter, type RateLimitResult, summarize } from './rate-limiter';
import { slidingWindow, type WindowState } from './sliding-window';

export interface MemoryRateLimiterOptions {
  /** Epoch milliseconds. @default Date.now */
  now?: () => number;
  /** Counters kept; past it the least recently used is dropped. @default 100000 */
  maxKeys?: number;
}

/** Per process: for one replica, tests, and the fallback when Redis is unreachable. */
export function createMemoryRateLimiter({ now = Date.now, maxKeys = 100_000 }: MemoryRateLimiterOptions = {}): RateLimiter & {
  hitWithPath(limits: readonly RateLimit[], path: RateLimitResult['path']): RateLimitResult;
} {
  const windows = new Map<string, WindowState>();

  const hitWithPath = (limits: readonly RateLimit[], path: RateLimitResult['path']): RateLimitResult => {
    for (const limit of limits) assertRateLimit(limit);
    const at = now();
    const outcomes = limits.map(({ key, limit, windowMs }) => ({ key, ...slidingWindow(windows.get(key), limit, windowMs, at) }));
    if (outcomes.every(({ check }) => check.allowed)) {
      for (const { key, next } of outcomes) {
        windows.delete(key);
        windows.set(key, next);
        if (windows.size > maxKeys) windows.delete(windows.keys().next().value as string);
      }
    }
    return summarize(
      limits,
      outcomes.map(({ key, check }) => ({ key, ...check })),
      path,
    );
  };

  return {
    hitWithPath,
    hit: async (limits) => hitWithPath(limits, 'memory'),
  };
}
