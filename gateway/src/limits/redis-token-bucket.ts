import { createMemoryTokenBucket } from './memory-token-bucket';
import { type RedisLimiterOptions, tryRedis, validatePolicy } from './redis-failure-policy';
import { RedisScript } from './redis-script';
import { assertLimits, assertPoints, type BucketLimits, retryAfterMs, type TokenBucket } from './token-bucket';

// One round trip per take or refund. The arithmetic mirrors restoredTokens() in memory-token-bucket.ts.
// Numbers go out through string.format('%.17g'): Redis would truncate a Lua number reply to an integer.
// The key expires when the bucket would be full again (plus a second): a missing key reads as full.
const BUCKET = new RedisScript(`
local amount, capacity, rate = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local now = tonumber(ARGV[4])
if now == nil then
  local t = redis.call('TIME')
  now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
local state = redis.call('HMGET', KEYS[1], 'tokens', 'ts')
local tokens, ts = tonumber(state[1]), tonumber(state[2])
if tokens == nil or ts == nil then
  tokens, ts = capacity, now
elseif now > ts then
  tokens, ts = math.min(capacity, tokens + (now - ts) * rate / 1000), now
else
  tokens = math.min(capacity, tokens)
end
local allowed = 1
if ARGV[5] == 'refund' then
  tokens = math.min(capacity, tokens + amount)
elseif tokens >= amount then
  tokens = tokens - amount
else
  allowed = 0
end
local text = string.format('%.17g', tokens)
redis.call('HSET', KEYS[1], 'tokens', text, 'ts', string.format('%.17g', ts))
redis.call('PEXPIRE', KEYS[1], math.ceil((capacity - tokens) * 1000 / rate) + 1000)
return { allowed, text }
`);

/** What a refused client is told to wait while Redis is down under `fail-closed`: long enough not to hammer. */
const FAIL_CLOSED_RETRY_MS = 1000;

/**
 * The bucket every replica shares. Each call is one EVALSHA with a deadline; when Redis fails the
 * configured policy answers, and the result's `path` says which one did.
 *
 * The `local` fallback bucket of a key starts from this replica's share of what Redis last reported
 * for it, not full: otherwise every Redis blip (one missed deadline) would hand each replica a fresh
 * capacity ÷ replicas on top of a shared bucket that may just have run dry.
 */
export function createRedisTokenBucket(options: RedisLimiterOptions): TokenBucket {
  const { redis, keyPrefix = '', now } = options;
  const { timeoutMs, expectedReplicas, onRedisFailure } = validatePolicy(options);
  const local = createMemoryTokenBucket({ now });
  const share = ({ capacity, restoreRate }: BucketLimits): BucketLimits => ({ capacity: capacity / expectedReplicas, restoreRate: restoreRate / expectedReplicas });
  const call = (key: string, amount: number, limits: BucketLimits, mode: 'take' | 'refund') =>
    tryRedis(redis, async () => {
      const reply = (await BUCKET.run(redis, [keyPrefix + key], [amount, limits.capacity, limits.restoreRate, now?.() ?? '', mode])) as [number, string];
      return { allowed: reply[0] === 1, available: Number(reply[1]) };
    }, timeoutMs);

  return {
    async take(key, cost, limits) {
      assertLimits(limits);
      assertPoints(cost);
      const outcome = await call(key, cost, limits, 'take');
      if (outcome.ok) {
        const { allowed, available } = outcome.value;
        local.assume(key, available / expectedReplicas, share(limits));
        return { allowed, available, retryAfterMs: allowed ? 0 : retryAfterMs(available, cost, limits), path: 'redis' };
      }
      const { error } = outcome;
      if (onRedisFailure === 'fail-open') return { allowed: true, available: limits.capacity, retryAfterMs: 0, path: 'fail-open', error };
      if (onRedisFailure === 'fail-closed') return { allowed: false, available: 0, retryAfterMs: FAIL_CLOSED_RETRY_MS, path: 'fail-closed', error };
      return { ...(await local.take(key, cost, share(limits))), path: 'local', error };
    },
    async refund(key, points, limits) {
      assertLimits(limits);
      assertPoints(points);
      const outcome = await call(key, points, limits, 'refund');
      if (outcome.ok) {
        local.assume(key, outcome.value.available / expectedReplicas, share(limits));
        return { available: outcome.value.available, path: 'redis' };
      }
      // The take may have gone to the local bucket; refunding it there is harmless otherwise (capped).
      const { available } = await local.refund(key, points, share(limits));
      return { available, path: onRedisFailure === 'local' ? 'local' : onRedisFailure, error: outcome.error };
    },
  };
}
