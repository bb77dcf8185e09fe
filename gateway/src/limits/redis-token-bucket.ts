import { createMemoryTokenBucket } from './memory-token-bucket';
import { type RedisLimiterOptions, type RedisOutcome, tryRedis, validatePolicy } from './redis-failure-policy';
import { CLOCK_LUA, RedisScript } from './redis-script';
import { assertLimits, assertPoints, type BucketLimits, retryAfterMs, type TakeResult, type TokenBucket } from './token-bucket';

// The bucket's arithmetic, mirroring restoredTokens() in memory-token-bucket.ts.
// Numbers go out through string.format('%.17g'): Redis would truncate a Lua number reply to an integer.
// The key expires when the bucket would be full again (plus a second): a missing key reads as full.
// A take may reserve up to \`extra\` more whole points beside its amount (a replica's lease, see
// leased-admission.ts); the reply's third element says how many it got.
export const BUCKET_LUA = `
local function bucket(key, amount, capacity, rate, now, mode, extra)
  local state = redis.call('HMGET', key, 'tokens', 'ts')
  local tokens, ts = tonumber(state[1]), tonumber(state[2])
  if tokens == nil or ts == nil then
    tokens, ts = capacity, now
  elseif now > ts then
    tokens, ts = math.min(capacity, tokens + (now - ts) * rate / 1000), now
  else
    tokens = math.min(capacity, tokens)
  end
  local allowed, granted = 1, 0
  if mode == 'refund' then
    tokens = math.min(capacity, tokens + amount)
  elseif tokens >= amount then
    tokens = tokens - amount
    if extra ~= nil and extra > 0 then granted = math.max(0, math.min(extra, math.floor(tokens))) end
    tokens = tokens - granted
  else
    allowed = 0
  end
  local text = string.format('%.17g', tokens)
  redis.call('HSET', key, 'tokens', text, 'ts', string.format('%.17g', ts))
  redis.call('PEXPIRE', key, math.ceil((capacity - tokens) * 1000 / rate) + 1000)
  return { allowed, text, string.format('%.17g', granted) }
end
`;

/** One round trip per take or refund: ARGV = amount, capacity, restore rate, now ('' → Redis TIME), mode. */
const BUCKET = new RedisScript(`${CLOCK_LUA}${BUCKET_LUA}
return bucket(KEYS[1], tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), clock(ARGV[4]), ARGV[5])
`);

/** The script's reply to a take or refund: allowed (0/1), points left, extra points reserved (a lease). */
export type BucketReply = [number, string, string?];

/** What a take decides on: allowed (0/1) and the points available (as the script sends them, or already a number). */
export type TakeReply = readonly [number, string | number, ...unknown[]];

/** What a refused client is told to wait while Redis is down under `fail-closed`: long enough not to hammer. */
const FAIL_CLOSED_RETRY_MS = 1000;

/** The Redis bucket, and how it turns a take's script outcome into a decision (shared with the admission script). */
export interface RedisTokenBucket extends TokenBucket {
  decideTake(key: string, cost: number, limits: BucketLimits, outcome: RedisOutcome<TakeReply>): Promise<TakeResult>;
}

/**
 * The bucket every replica shares. Each call is one EVALSHA with a deadline; when Redis fails the
 * configured policy answers, and the result's `path` says which one did.
 *
 * The `local` fallback bucket of a key starts from this replica's share of what Redis last reported
 * for it, not full: otherwise every Redis blip (one missed deadline) would hand each replica a fresh
 * capacity ÷ replicas on top of a shared bucket that may just have run dry.
 */
export function createRedisTokenBucket(options: RedisLimiterOptions): RedisTokenBucket {
  const { redis, keyPrefix = '', now } = options;
  const { timeoutMs, expectedReplicas, onRedisFailure } = validatePolicy(options);
  const local = createMemoryTokenBucket({ now });
  const share = ({ capacity, restoreRate }: BucketLimits): BucketLimits => ({ capacity: capacity / expectedReplicas, restoreRate: restoreRate / expectedReplicas });
  const call = (key: string, amount: number, limits: BucketLimits, mode: 'take' | 'refund') =>
    tryRedis(redis, () => BUCKET.run(redis, [keyPrefix + key], [amount, limits.capacity, limits.restoreRate, now?.() ?? '', mode]) as Promise<BucketReply>, timeoutMs);

  const decideTake = async (key: string, cost: number, limits: BucketLimits, outcome: RedisOutcome<TakeReply>): Promise<TakeResult> => {
    if (outcome.ok) {
      const [allowed, points] = outcome.value;
      const available = Number(points);
      local.assume(key, available / expectedReplicas, share(limits));
      return { allowed: allowed === 1, available, retryAfterMs: allowed === 1 ? 0 : retryAfterMs(available, cost, limits), path: 'redis' };
    }
    const { error } = outcome;
    if (onRedisFailure === 'fail-open') return { allowed: true, available: limits.capacity, retryAfterMs: 0, path: 'fail-open', error };
    if (onRedisFailure === 'fail-closed') return { allowed: false, available: 0, retryAfterMs: FAIL_CLOSED_RETRY_MS, path: 'fail-closed', error };
    return { ...(await local.take(key, cost, share(limits))), path: 'local', error };
  };

  return {
    decideTake,
    async take(key, cost, limits) {
      assertLimits(limits);
      assertPoints(cost);
      return decideTake(key, cost, limits, await call(key, cost, limits, 'take'));
    },
    async refund(key, points, limits) {
      assertLimits(limits);
      assertPoints(points);
      const outcome = await call(key, points, limits, 'refund');
      if (outcome.ok) {
        const available = Number(outcome.value[1]);
        local.assume(key, available / expectedReplicas, share(limits));
        return { available, path: 'redis' };
      }
      // The take may have gone to the local bucket; refunding it there is harmless otherwise (capped).
      const { available } = await local.refund(key, points, share(limits));
      return { available, path: onRedisFailure === 'local' ? 'local' : onRedisFailure, error: outcome.error };
    },
  };
}
