import type { AdmissionLimiter } from './admission';
import { assertRateLimit } from './rate-limiter';
import { type RedisLimiterOptions, tryRedis, validatePolicy } from './redis-failure-policy';
import { type RedisRateLimiter, SLIDING_WINDOW_LUA, type SlidingWindowReply, windowArgs } from './redis-rate-limiter';
import { CLOCK_LUA, RedisScript } from './redis-script';
import { BUCKET_LUA, type BucketReply, type RedisTokenBucket } from './redis-token-bucket';
import { assertLimits, assertPoints } from './token-bucket';

// KEYS = the rate keys, then the bucket's; ARGV = now ('' → Redis TIME), limit and windowMs per rate
// key, then the cost, capacity and restore rate. One clock reading for both, one round trip.
const ADMIT = new RedisScript(`${CLOCK_LUA}${SLIDING_WINDOW_LUA}${BUCKET_LUA}
local now = clock(ARGV[1])
local n = #KEYS - 1
local rate_keys = {}
for i = 1, n do rate_keys[i] = KEYS[i] end
local results, all = sliding_windows(rate_keys, ARGV, now)
if not all then return { results } end
local a = 2 * n + 2
return { results, bucket(KEYS[#KEYS], tonumber(ARGV[a]), tonumber(ARGV[a + 1]), tonumber(ARGV[a + 2]), now, 'take') }
`);

/**
 * Rate limits and the cost bucket in one EVALSHA. When Redis fails, each limiter's failure policy
 * answers for its part, exactly as their own calls would.
 */
export function createRedisAdmission(options: RedisLimiterOptions, rate: RedisRateLimiter, bucket: RedisTokenBucket): AdmissionLimiter {
  const { redis, keyPrefix = '', now } = options;
  const { timeoutMs } = validatePolicy(options);
  return {
    async admit({ rate: limits, key, cost, limits: bucketLimits }) {
      for (const limit of limits) assertRateLimit(limit);
      assertLimits(bucketLimits);
      assertPoints(cost);
      const keys = [...limits.map((limit) => keyPrefix + limit.key), keyPrefix + key];
      const args = [now?.() ?? '', ...windowArgs(limits), cost, bucketLimits.capacity, bucketLimits.restoreRate];
      const outcome = await tryRedis(redis, () => ADMIT.run(redis, keys, args) as Promise<[SlidingWindowReply, BucketReply?]>, timeoutMs);
      if (!outcome.ok) {
        const rateResult = rate.decide(limits, outcome);
        return rateResult.allowed ? { rate: rateResult, take: await bucket.decideTake(key, cost, bucketLimits, outcome) } : { rate: rateResult };
      }
      const [checks, taken] = outcome.value;
      const rateResult = rate.decide(limits, { ok: true, value: checks });
      return taken ? { rate: rateResult, take: await bucket.decideTake(key, cost, bucketLimits, { ok: true, value: taken }) } : { rate: rateResult };
    },
  };
}
