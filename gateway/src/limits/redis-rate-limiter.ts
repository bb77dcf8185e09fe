import { createMemoryRateLimiter } from './memory-rate-limiter';
import { type RedisLimiterOptions, type RedisOutcome, tryRedis, validatePolicy } from './redis-failure-policy';
import { CLOCK_LUA, RedisScript } from './redis-script';
import { assertRateLimit, type RateLimit, type RateLimiter, type RateLimitResult, summarize } from './rate-limiter';

// Every limit at once, all or nothing; mirrors slidingWindow() in sliding-window.ts.
// keys[i] holds {w: window index, c: count, p: previous count}; argv[o + 3i - 2 .. o + 3i] = limit,
// windowMs and extra of keys[i]. A retry of -1 stands for "never" (limit 0). \`extra\` reserves up to
// that many more requests beside this one when they fit (a replica's lease, see leased-admission.ts);
// the reply says how many it got and in which window they were counted.
export const SLIDING_WINDOW_LUA = `
local function sliding_windows(keys, argv, o, now)
  local results, nexts, all = {}, {}, true
  for i = 1, #keys do
    local limit, window, extra = tonumber(argv[o + 3 * i - 2]), tonumber(argv[o + 3 * i - 1]), tonumber(argv[o + 3 * i])
    local index = math.floor(now / window)
    local current, previous = 0, 0
    local s = redis.call('HMGET', keys[i], 'w', 'c', 'p')
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
    local granted = 0
    if allowed and extra > 0 then granted = math.max(0, math.min(extra, math.floor(limit - estimate - 1))) end
    local remaining = math.max(0, math.floor(limit - estimate - (allowed and 1 + granted or 0)))
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
    local counted = current + (allowed and 1 + granted or 0)
    local reset = 0
    if counted > 0 then reset = 2 * window - elapsed elseif previous > 0 then reset = window - elapsed end
    results[i] = { allowed and 1 or 0, remaining, retry, reset, granted, index }
    nexts[i] = { index, counted, previous, window }
  end
  if all then
    for i = 1, #keys do
      local n = nexts[i]
      redis.call('HSET', keys[i], 'w', n[1], 'c', n[2], 'p', n[3])
      redis.call('PEXPIRE', keys[i], 2 * n[4])
    end
  end
  return results, all
end
`;

/** One round trip for every limit: ARGV[1] = now ('' → Redis TIME), then limit, windowMs and extra per key. */
const SLIDING_WINDOW = new RedisScript(`${CLOCK_LUA}${SLIDING_WINDOW_LUA}
local results = sliding_windows(KEYS, ARGV, 1, clock(ARGV[1]))
return results
`);

/** The script's reply per limit: allowed (0/1), remaining, retry ms (-1: never), reset ms, extra requests reserved, window index. */
export type SlidingWindowReply = [number, number, number, number, number, number][];

/** The Redis rate limiter, and how it turns a script outcome into a decision (shared with the admission script). */
export interface RedisRateLimiter extends RateLimiter {
  decide(limits: readonly RateLimit[], outcome: RedisOutcome<SlidingWindowReply>): RateLimitResult;
}

/** Request-rate limits every replica shares; same failure policies and `path` reporting as the token bucket. */
export function createRedisRateLimiter(options: RedisLimiterOptions): RedisRateLimiter {
  const { redis, keyPrefix = '', now } = options;
  const { timeoutMs, expectedReplicas, onRedisFailure } = validatePolicy(options);
  const local = createMemoryRateLimiter({ now });

  const decide = (limits: readonly RateLimit[], outcome: RedisOutcome<SlidingWindowReply>): RateLimitResult => {
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
  };

  return {
    decide,
    async hit(limits) {
      for (const limit of limits) assertRateLimit(limit);
      if (limits.length === 0) return summarize(limits, [], 'redis');
      const run = () => SLIDING_WINDOW.run(redis, limits.map(({ key }) => keyPrefix + key), [now?.() ?? '', ...windowArgs(limits)]) as Promise<SlidingWindowReply>;
      return decide(limits, await tryRedis(redis, run, timeoutMs));
    },
  };
}

/** The script's per-limit arguments: limit, windowMs and the extra requests to reserve (none unless given) of each key in turn. */
export const windowArgs = (limits: readonly RateLimit[], extras?: readonly number[]) => limits.flatMap(({ limit, windowMs }, i) => [limit, windowMs, extras?.[i] ?? 0]);
