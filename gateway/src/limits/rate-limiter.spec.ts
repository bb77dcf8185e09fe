import { randomUUID } from 'node:crypto';
import { testServices } from '@academy/testing';
import { beforeEach, describe, expect, it } from 'vitest';
import { redisStoreForSuite } from '../../test/redis-suite';
import { createMemoryRateLimiter } from './memory-rate-limiter';
import type { RateLimiter, RateLimitResult } from './rate-limiter';
import { createRedisRateLimiter } from './redis-rate-limiter';

const { redisUrl } = testServices();

const brief = ({ allowed, remaining, retryAfterMs, resetAfterMs }: RateLimitResult) => ({ allowed, remaining, retryAfterMs, resetAfterMs });

/** One scenario on both implementations; the clock starts on a window boundary and moves by hand. */
function limiterBehaviour(create: (now: () => number) => RateLimiter, path: RateLimitResult['path']) {
  let clock = 0;
  let limiter: RateLimiter;
  let tenant: string;
  beforeEach(() => {
    clock = 1_700_000_000_000; // a multiple of 1000: window edges at whole seconds
    limiter = create(() => clock);
    tenant = `tenant:${randomUUID()}`;
  });

  it('slides the window: the previous window weighs by its remaining overlap', async () => {
    const three = [{ key: tenant, limit: 3, windowMs: 1000 }];
    expect(brief(await limiter.hit(three))).toEqual({ allowed: true, remaining: 2, retryAfterMs: 0, resetAfterMs: 2000 });
    await limiter.hit(three);
    expect((await limiter.hit(three)).remaining).toBe(0);
    // Full: next window, then 3 × (1 − f) + 1 ≤ 3 needs f ≥ 1/3 → 1000 + ceil(333.3) ms.
    expect(brief(await limiter.hit(three))).toEqual({ allowed: false, remaining: 0, retryAfterMs: 1334, resetAfterMs: 2000 });
    clock += 1000; // new window: previous = 3 weighs fully
    expect(brief(await limiter.hit(three))).toEqual({ allowed: false, remaining: 0, retryAfterMs: 334, resetAfterMs: 1000 });
    clock += 334; // 3 × 0.666 = 1.998, + 1 ≤ 3
    expect(brief(await limiter.hit(three))).toEqual({ allowed: true, remaining: 0, retryAfterMs: 0, resetAfterMs: 1666 });
    clock += 1166; // the next window: previous = 1 at 50 % overlap
    expect(brief(await limiter.hit(three))).toEqual({ allowed: true, remaining: 1, retryAfterMs: 0, resetAfterMs: 1500 });
    clock += 5000; // long idle: everything forgotten
    expect((await limiter.hit(three)).remaining).toBe(2);
  });

  it('counts a request against every limit or none (tenant and principal)', async () => {
    const principal = `${tenant}:principal:${randomUUID()}`;
    const both = [
      { key: tenant, limit: 10, windowMs: 60_000 },
      { key: principal, limit: 1, windowMs: 60_000 },
    ];
    expect(await limiter.hit(both)).toMatchObject({ allowed: true, requestRate: 1, remaining: 0, path });
    const refused = await limiter.hit(both);
    expect(refused).toMatchObject({ allowed: false, requestRate: 1, remaining: 0 });
    expect(refused.checks.map((check) => check.allowed)).toEqual([true, false]);
    // The refused request did not count for the tenant: 10 − 2 = 8 left after another principal's.
    const other = await limiter.hit([both[0]!, { key: `${principal}-2`, limit: 1, windowMs: 60_000 }]);
    expect(other.checks[0]!.remaining).toBe(8);
  });

  it('never admits under a zero limit', async () => {
    expect(await limiter.hit([{ key: tenant, limit: 0, windowMs: 1000 }])).toMatchObject({ allowed: false, retryAfterMs: null, path });
  });

  it('rejects nonsense limits', async () => {
    await expect(limiter.hit([{ key: tenant, limit: 1.5, windowMs: 1000 }])).rejects.toThrow(RangeError);
    await expect(limiter.hit([{ key: tenant, limit: 1, windowMs: 0 }])).rejects.toThrow(RangeError);
  });
}

describe('memory rate limiter', () => {
  limiterBehaviour((now) => createMemoryRateLimiter({ now }), 'memory');
});

describe.skipIf(!redisUrl)('redis rate limiter', () => {
  const suite = redisStoreForSuite(redisUrl);

  limiterBehaviour((now) => createRedisRateLimiter({ redis: suite.store.redis!, now, timeoutMs: 1000 }), 'redis');

  it('admits exactly the limit under 100 concurrent requests', async () => {
    // A fixed clock: a real one could straddle a window edge, where the sliding count is fractional.
    const limiter = createRedisRateLimiter({ redis: suite.store.redis!, timeoutMs: 5000, now: () => 1_700_000_000_000 });
    const limit = [{ key: `burst:${randomUUID()}`, limit: 60, windowMs: 60_000 }];
    const results = await Promise.all(Array.from({ length: 100 }, () => limiter.hit(limit)));
    expect(results.filter((result) => result.allowed)).toHaveLength(60);
  });
});
