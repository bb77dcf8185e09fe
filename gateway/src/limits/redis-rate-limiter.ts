import { createMemoryRateLimiter } from './memory-rate-limiter';
import { type RedisLimiterOptions, tryRedis, validatePolicy } from './redis-failure-policy';
import { RedisScript } from './redis-script';
import { assertRateLimit, type RateLimiter, summarize } from './rate-limiter';

// Every limit in one round trip, all or nothing; mirrors slidingWindow() in sliding-window.ts.
// KEYS[i] holds {w: window index, c: count, p: previous count}; ARGV[1] = now ('' → Redis TIME),
// ARGV[2i], ARGV[2i+1] = limit, windowMs of KEYS[i]. A retry of -1 stands for "never" (limit 0).
const SLIDING_WINDOW = new RedisScript(`
local now = tonumber(ARGV[1])
if now == nil then
  local t = redis.call('TIME')
  now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
local results, nexts, all = {}, {}, true
for i = 1, #KEYS do
  local limit, window = tonumber(ARGV[2 * i]), tonumber(ARGV[2 * i + 1])
  local index = math.floor(now / window)
  local current, previous = 0, 0
  local s = redis.call('HMGET', KEYS[i], 'w', 'c', 'p')
  local w = tonumber(s[1])
  if w ~= nil then
    if index < w then index = w end
    if index == w then
      current, previous = tonumber(s[2]) or 0, tonumber(s[3]) or 0
    elseif index == w + 1 then
      previous = tonumber(s[2]) or 0
    end
  end
  local elapsed = math.min(window, math.max(0, now - index * window))
  local estimate = previous * (1 - elapsed / window) + current
  local allowed = estimate + 1 <= limit
  local remaining = math.max(0, math.floor(limit - estimate - (allowed and 1 or 0)))
  local retry = 0
  if not allowed then
    all = false
    if limit < 1 then
      retry = -1
    elseif current + 1 <= limit then
      retry = math.ceil(window * (1 - (limit - 1 - current) / previous) - elapsed)
    else
      retry = window - elapsed + math.max(0, math.ceil(window * (1 - (limit - 1) / current)))
    end
  end
  local counted = current + (allowed and 1 or 0)
  local reset = 0
  if counted > 0 then reset = 2 * window - elapsed elseif previous > 0 then reset = window - elapsed end
  results[i] = { allowed and 1 or 0, remaining, retry, reset }
  nexts[i] = { index, counted, previous, window }
end
if all then
  for i = 1, #KEYS do
    local n = nexts[i]
    redis.call('HSET', KEYS[i], 'w', n[1], 'c', n[2], 'p', n[3])
    redis.call('PEXPIRE', KEYS[i], 2 * n[4])
  end
end
return results
`);

/** Request-rate limits every replica shares; same failure policies and `path` reporting as the token bucket. */
export function createRedisRateLimiter(options: RedisLimiterOptions): RateLimiter {
  const { redis, keyPrefix = '', now } = options;
  const { timeoutMs, expectedReplicas, onRedisFailure } = validatePolicy(options);
  const local = createMemoryRateLimiter({ now });

  return {
    async hit(limits) {
      for (const limit of limits) assertRateLimit(limit);
      if (limits.length === 0) return summarize(limits, [], 'redis');
      const outcome = await tryRedis(
        redis,
        () =>
          SLIDING_WINDOW.run(
            redis,
            limits.map(({ key }) => keyPrefix + key),
            [now?.() ?? '', ...limits.flatMap(({ limit, windowMs }) => [limit, windowMs])],
          ) as Promise<[number, number, number, number][]>,
        timeoutMs,
      );
      if (outcome.ok) {
        const checks = outcome.value.map(([allowed, remaining, retry, reset], i) => ({
          key: limits[i]!.key,
          allowed: allowed === 1,
          remaining,
          retryAfterMs: retry < 0 ? null : retry,
          resetAfterMs: reset,
        }));
        return summarize(limits, checks, 'redis');
      }
      const { error } = outcome;
      const closed = onRedisFailure === 'fail-closed';
      // Fail-closed tells clients to come back in a second rather than hammer a gateway without Redis.
      const unchecked = limits.map(({ key, limit, windowMs }) => ({ key, allowed: !closed, remaining: closed ? 0 : limit, retryAfterMs: closed ? 1000 : 0, resetAfterMs: windowMs }));
      if (onRedisFailure !== 'local') return summarize(limits, unchecked, onRedisFailure, error);
      // This replica's share of each limit, at least one request so a small limit does not become zero.
      const shares = limits.map((limit) => ({ ...limit, limit: Math.max(1, Math.floor(limit.limit / expectedReplicas)) }));
      return { ...local.hitWithPath(shares, 'local'), error };
    },
  };
}
