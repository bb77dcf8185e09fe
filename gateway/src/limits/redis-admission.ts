import type { AdmissionLimiter, AdmissionRequest, AdmissionResult } from './admission';
import { assertRateLimit, type RateLimit } from './rate-limiter';
import { type RedisLimiterOptions, type RedisOutcome, tryRedis, validatePolicy } from './redis-failure-policy';
import { type RedisRateLimiter, SLIDING_WINDOW_LUA, type SlidingWindowReply, windowArgs } from './redis-rate-limiter';
import { CLOCK_LUA, RedisScript } from './redis-script';
import { BUCKET_LUA, type BucketReply, type RedisTokenBucket } from './redis-token-bucket';
import { assertLimits, assertPoints, type BucketLimits } from './token-bucket';

// KEYS = the rate keys, then the bucket's when ARGV[2] is '1'; ARGV = now ('' → Redis TIME), that
// flag, limit, windowMs and extra per rate key, then the cost, capacity, restore rate and extra of the
// bucket. One clock reading for all, one round trip. The bucket is only debited when every rate allowed.
const ADMIT = new RedisScript(`${CLOCK_LUA}${SLIDING_WINDOW_LUA}${BUCKET_LUA}
local now = clock(ARGV[1])
local with_bucket = ARGV[2] == '1'
local n = #KEYS
if with_bucket then n = n - 1 end
local rate_keys = {}
for i = 1, n do rate_keys[i] = KEYS[i] end
local results, all = sliding_windows(rate_keys, ARGV, 2, now)
if not (all and with_bucket) then return { results } end
local a = 3 * n + 3
return { results, bucket(KEYS[#KEYS], tonumber(ARGV[a]), tonumber(ARGV[a + 1]), tonumber(ARGV[a + 2]), now, 'take', tonumber(ARGV[a + 3])) }
`);

/** What one admission script asks of Redis: some rate limits, maybe the bucket, each with what to reserve beside this request. */
export interface ScriptedAdmission {
  rate: readonly RateLimit[];
  /** Extra requests to reserve per rate limit (a lease); none when absent. */
  rateExtras?: readonly number[];
  bucket?: { key: string; cost: number; limits: BucketLimits; extra?: number };
}

/** The script's reply: a check per rate limit, and the bucket's reply when it was asked and every rate allowed. */
export type AdmissionReply = [SlidingWindowReply, BucketReply?];

/** Runs the admission script once under the deadline; failures come back as a value for the policies to answer. */
export function createAdmissionScript(options: RedisLimiterOptions): (admission: ScriptedAdmission) => Promise<RedisOutcome<AdmissionReply>> {
  const { redis, keyPrefix = '', now } = options;
  const { timeoutMs } = validatePolicy(options);
  return ({ rate, rateExtras, bucket }) => {
    const keys = rate.map((limit) => keyPrefix + limit.key);
    const args: (string | number)[] = [now?.() ?? '', bucket ? '1' : '0', ...windowArgs(rate, rateExtras)];
    if (bucket) {
      keys.push(keyPrefix + bucket.key);
      args.push(bucket.cost, bucket.limits.capacity, bucket.limits.restoreRate, bucket.extra ?? 0);
    }
    return tryRedis(redis, () => ADMIT.run(redis, keys, args) as Promise<AdmissionReply>, timeoutMs);
  };
}

export function assertAdmission({ rate, cost, limits }: AdmissionRequest): void {
  for (const limit of rate) assertRateLimit(limit);
  assertLimits(limits);
  assertPoints(cost);
}

/** When the script failed: each limiter's failure policy answers for its part, exactly as their own calls would. */
export async function decideWithoutRedis(rate: RedisRateLimiter, bucket: RedisTokenBucket, { rate: limits, key, cost, limits: bucketLimits }: AdmissionRequest, outcome: { ok: false; error: Error }): Promise<AdmissionResult> {
  const rateResult = rate.decide(limits, outcome);
  return rateResult.allowed ? { rate: rateResult, take: await bucket.decideTake(key, cost, bucketLimits, outcome) } : { rate: rateResult };
}

/** Rate limits and the cost bucket in one EVALSHA; the failure policies answer when Redis does not. */
export function createRedisAdmission(options: RedisLimiterOptions, rate: RedisRateLimiter, bucket: RedisTokenBucket): AdmissionLimiter {
  const script = createAdmissionScript(options);
  return {
    async admit(request) {
      assertAdmission(request);
      const { rate: limits, key, cost, limits: bucketLimits } = request;
      const outcome = await script({ rate: limits, bucket: { key, cost, limits: bucketLimits } });
      if (!outcome.ok) return decideWithoutRedis(rate, bucket, request, outcome);
      const [checks, taken] = outcome.value;
      const rateResult = rate.decide(limits, { ok: true, value: checks });
      return taken ? { rate: rateResult, take: await bucket.decideTake(key, cost, bucketLimits, { ok: true, value: taken }) } : { rate: rateResult };
    },
  };
}
