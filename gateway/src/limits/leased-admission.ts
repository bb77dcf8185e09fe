import type { AdmissionLimiter, AdmissionResult } from './admission';
import { type Credit, LeaseBook } from './lease-book';
import { assertAdmission, createAdmissionScript, decideWithoutRedis } from './redis-admission';
import { type RedisLimiterOptions, tryRedis, validatePolicy } from './redis-failure-policy';
import type { RedisRateLimiter, SlidingWindowReply } from './redis-rate-limiter';
import { CLOCK_LUA, RedisScript } from './redis-script';
import { BUCKET_LUA, type RedisTokenBucket } from './redis-token-bucket';
import type { RateLimit } from './rate-limiter';
import type { TakeResult, TokenBucket } from './token-bucket';

// Gives unused reservations back. KEYS = rate keys, then bucket keys; ARGV = now ('' → Redis TIME),
// the number of rate keys, (window index, requests) per rate key, (points, capacity, restore rate)
// per bucket key. Requests go back only to the window they were counted in (or, once it became the
// previous one, to that); a window already gone keeps nothing to give back to.
const RELEASE = new RedisScript(`${CLOCK_LUA}${BUCKET_LUA}
local now = clock(ARGV[1])
local n = tonumber(ARGV[2])
for i = 1, n do
  local index, units = tonumber(ARGV[1 + 2 * i]), tonumber(ARGV[2 + 2 * i])
  local s = redis.call('HMGET', KEYS[i], 'w', 'c', 'p')
  local w = tonumber(s[1])
  if w == index then
    redis.call('HSET', KEYS[i], 'c', math.max(0, (tonumber(s[2]) or 0) - units))
  elseif w == index + 1 then
    redis.call('HSET', KEYS[i], 'p', math.max(0, (tonumber(s[3]) or 0) - units))
  end
end
local a = 3 + 2 * n
for i = n + 1, #KEYS do
  bucket(KEYS[i], tonumber(ARGV[a]), tonumber(ARGV[a + 1]), tonumber(ARGV[a + 2]), now, 'refund')
  a = a + 3
end
return #KEYS
`);

export interface LeasedLimiters {
  admission: AdmissionLimiter;
  /** The bucket, whose refunds go to this replica's live credit when it holds one. */
  bucket: TokenBucket;
  /** Gives every reservation back (on shutdown). */
  close(): Promise<void>;
}

/**
 * The Redis admission with leases for busy keys. A request whose tenant, caller and bucket all
 * have credit here is admitted without a round trip; otherwise the admission script decides it
 * exactly as without leases, and for keys that are busy on this replica also reserves the requests
 * and points expected within `leaseMs` (when they fit). Unused reservations go back after a lease
 * or two (or at close). Every admitted request and point was counted in Redis before it ran, so
 * replicas together never admit more than the shared limits; a lease only makes another replica
 * refuse early while the limit is within one lease of running out. Refusals are always Redis's.
 */
export function createLeasedAdmission(options: RedisLimiterOptions & { leaseMs: number; onReleaseError: (error: Error) => void }, rate: RedisRateLimiter, bucket: RedisTokenBucket): LeasedLimiters {
  const { redis, keyPrefix = '', now: scriptClock, leaseMs, onReleaseError } = options;
  const { timeoutMs, expectedReplicas } = validatePolicy(options);
  const book = new LeaseBook(leaseMs, expectedReplicas);
  const script = createAdmissionScript(options);

  const release = async (credits: Credit[]) => {
    if (credits.length === 0) return;
    const rates = credits.filter((credit) => credit.window);
    const buckets = credits.filter((credit) => credit.limits);
    const keys = [...rates, ...buckets].map((credit) => keyPrefix + credit.key);
    const args = [scriptClock?.() ?? '', rates.length, ...rates.flatMap((credit) => [credit.window!.index, credit.units])];
    for (const credit of buckets) args.push(credit.units, credit.limits!.capacity, credit.limits!.restoreRate);
    const outcome = await tryRedis(redis, () => RELEASE.run(redis, keys, args), timeoutMs);
    // Lost: the units stay counted, which only refuses early, until the windows pass and the bucket restores.
    if (!outcome.ok) onReleaseError(outcome.error);
  };
  const sweeper = setInterval(() => void release(book.expire(Date.now())), leaseMs).unref();

  const admission: AdmissionLimiter = {
    async admit(request): Promise<AdmissionResult> {
      assertAdmission(request);
      const { rate: limits, key, cost, limits: bucketLimits } = request;
      const now = Date.now();
      for (const limit of limits) book.observe(limit.key, now);
      book.observe(key, now);

      // Pay from credit where this replica holds it; the rest goes to Redis, with reservations for busy keys.
      const bucketTerms = `${bucketLimits.capacity}/${bucketLimits.restoreRate}`;
      const paid = limits.map((limit) => book.take(limit.key, termsOf(limit), 1, now));
      const paidBucket = book.take(key, bucketTerms, cost, now);
      const giveBack = () => {
        for (const credit of paid) if (credit) book.giveBack(credit, 1);
        if (paidBucket) book.giveBack(paidBucket, cost);
      };
      const remote = limits.filter((_, i) => !paid[i]);
      if (remote.length === 0 && paidBucket) {
        const checks = paid.map((credit) => paidCheck(credit!, now));
        return { rate: rate.decide(limits, { ok: true, value: checks }), take: leasedTake(paidBucket), leased: true };
      }
      const rateExtras = remote.map((limit) => book.extra(limit.key, 1, limit.limit));
      const bucketExtra = paidBucket ? 0 : book.extra(key, cost, bucketLimits.capacity);
      const reserving = [...remote.filter((_, i) => rateExtras[i]! > 0).map((limit) => limit.key), ...(bucketExtra > 0 ? [key] : [])];
      for (const reserved of reserving) book.reserving(reserved, true);
      const outcome = await script({ rate: remote, rateExtras, bucket: paidBucket ? undefined : { key, cost, limits: bucketLimits, extra: bucketExtra } }).finally(() => {
        for (const reserved of reserving) book.reserving(reserved, false);
      });
      if (!outcome.ok) {
        giveBack();
        return decideWithoutRedis(rate, bucket, request, outcome);
      }

      const [remoteChecks, taken] = outcome.value;
      let next = 0;
      const checks = paid.map((credit) => (credit ? paidCheck(credit, now) : remoteChecks[next++]!));
      const rateResult = rate.decide(limits, { ok: true, value: checks });
      if (!rateResult.allowed) {
        giveBack();
        return { rate: rateResult };
      }
      for (const [i, limit] of remote.entries()) {
        const [, remaining, , , granted, index] = remoteChecks[i]!;
        if (granted > 0) book.grant({ key: limit.key, terms: termsOf(limit), units: granted, base: remaining, window: { index, ms: limit.windowMs } }, now);
      }
      if (paidBucket) return { rate: rateResult, take: leasedTake(paidBucket) };
      const [allowed, left, granted = '0'] = taken!;
      const reserved = Number(granted);
      if (reserved > 0) book.grant({ key, terms: bucketTerms, units: reserved, base: Number(left), limits: bucketLimits }, now);
      // What this replica holds still belongs to the tenant's budget: report it as available.
      return { rate: rateResult, take: await bucket.decideTake(key, cost, bucketLimits, { ok: true, value: [allowed, Number(left) + reserved] }) };
    },
  };

  return {
    admission,
    bucket: {
      take: (key, cost, limits) => bucket.take(key, cost, limits),
      async refund(key, points, limits) {
        const credit = points > 0 ? book.add(key, points, Date.now()) : undefined;
        return credit ? { available: credit.base + credit.units, path: 'redis' } : bucket.refund(key, points, limits);
      },
    },
    async close() {
      clearInterval(sweeper);
      await release(book.expire(Date.now(), true));
    },
  };
}

/** What a rate credit was granted under: a changed limit stops paying from it. */
const termsOf = ({ limit, windowMs }: RateLimit) => `${limit}/${windowMs}`;

/** A bucket debit paid from this replica's credit: allowed, with what Redis and the credit leave. */
const leasedTake = (credit: Credit): TakeResult => ({ allowed: true, available: credit.base + credit.units, retryAfterMs: 0, path: 'redis' });

/** A rate check answered from this replica's credit: allowed, with what Redis and the credit leave. */
function paidCheck(credit: Credit, now: number): SlidingWindowReply[number] {
  const { index, ms } = credit.window!;
  return [1, credit.base + credit.units, 0, Math.max(0, (index + 2) * ms - now), 0, index];
}
