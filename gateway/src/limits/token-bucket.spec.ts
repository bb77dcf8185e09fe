import { randomUUID } from 'node:crypto';
import { testServices } from '@academy/testing';
import { beforeEach, describe, expect, it } from 'vitest';
import { redisStoreForSuite } from '../../test/redis-suite';
import { createMemoryTokenBucket } from './memory-token-bucket';
import { RedisScript } from './redis-script';
import { createRedisTokenBucket } from './redis-token-bucket';
import type { BudgetPath, TokenBucket } from './token-bucket';

const { redisUrl } = testServices();
const SHOPIFY = { capacity: 1000, restoreRate: 50 };

/** The same arithmetic on both implementations, with a clock the test moves by hand. */
function bucketBehaviour(create: (now: () => number) => TokenBucket, path: BudgetPath) {
  let clock = 1_700_000_000_000;
  let bucket: TokenBucket;
  let key: string;
  beforeEach(() => {
    clock = 1_700_000_000_000;
    bucket = create(() => clock);
    key = `tenant-${randomUUID()}`;
  });

  it('starts full and takes only what it holds', async () => {
    expect(await bucket.take(key, 300, SHOPIFY)).toEqual({ allowed: true, available: 700, retryAfterMs: 0, path });
    // 800 > 700: refused, nothing taken, and 100 points at 50/s are 2 s away.
    expect(await bucket.take(key, 800, SHOPIFY)).toEqual({ allowed: false, available: 700, retryAfterMs: 2000, path });
    expect(await bucket.take(key, 700, SHOPIFY)).toMatchObject({ allowed: true, available: 0 });
  });

  it('restores continuously at the restore rate, never above capacity', async () => {
    await bucket.take(key, 1000, SHOPIFY);
    clock += 100; // 0.1 s × 50/s = 5 points
    expect(await bucket.take(key, 6, SHOPIFY)).toMatchObject({ allowed: false, available: 5, retryAfterMs: 20 });
    expect(await bucket.take(key, 5, SHOPIFY)).toMatchObject({ allowed: true, available: 0 });
    clock += 7_250; // 362.5 points: fractions are kept
    expect((await bucket.take(key, 0, SHOPIFY)).available).toBe(362.5);
    clock += 3_600_000;
    expect((await bucket.take(key, 0, SHOPIFY)).available).toBe(1000);
  });

  it('refunds estimate − actual, capped at capacity', async () => {
    await bucket.take(key, 600, SHOPIFY);
    expect(await bucket.refund(key, 250, SHOPIFY)).toEqual({ available: 650, path });
    expect(await bucket.refund(key, 5000, SHOPIFY)).toEqual({ available: 1000, path });
    expect(await bucket.refund(`${key}-unseen`, 10, SHOPIFY)).toEqual({ available: 1000, path });
  });

  it('never admits an operation costing more than the capacity', async () => {
    expect(await bucket.take(key, 1001, SHOPIFY)).toEqual({ allowed: false, available: 1000, retryAfterMs: null, path });
  });

  it('keeps keys apart and applies a lowered capacity at once', async () => {
    await bucket.take(key, 100, SHOPIFY);
    expect((await bucket.take(`${key}-other`, 0, SHOPIFY)).available).toBe(1000);
    expect((await bucket.take(key, 0, { capacity: 500, restoreRate: 10 })).available).toBe(500);
  });

  it('restores nothing when the clock steps back', async () => {
    await bucket.take(key, 500, SHOPIFY);
    clock -= 10_000;
    expect((await bucket.take(key, 0, SHOPIFY)).available).toBe(500);
    clock += 10_000 + 1000; // restores from the stored time only
    expect((await bucket.take(key, 0, SHOPIFY)).available).toBe(550);
  });

  it('rejects nonsense limits and costs', async () => {
    await expect(bucket.take(key, -1, SHOPIFY)).rejects.toThrow(RangeError);
    await expect(bucket.take(key, 1, { capacity: 0, restoreRate: 1 })).rejects.toThrow(RangeError);
    await expect(bucket.refund(key, 1, { capacity: 1, restoreRate: 0 })).rejects.toThrow(RangeError);
  });
}

describe('memory token bucket', () => {
  bucketBehaviour((now) => createMemoryTokenBucket({ now }), 'memory');

  it('forgets the least recently used bucket past maxKeys (it reads as full again)', async () => {
    const bucket = createMemoryTokenBucket({ maxKeys: 2 });
    await bucket.take('a', 10, SHOPIFY);
    await bucket.take('b', 10, SHOPIFY);
    await bucket.take('c', 10, SHOPIFY);
    expect((await bucket.take('a', 0, SHOPIFY)).available).toBe(1000);
  });
});

describe.skipIf(!redisUrl)('redis token bucket', () => {
  const suite = redisStoreForSuite(redisUrl);

  bucketBehaviour((now) => createRedisTokenBucket({ redis: suite.store.redis!, now, timeoutMs: 1000 }), 'redis');

  it('stores {tokens, ts} with a TTL of about the time to full', async () => {
    const bucket = createRedisTokenBucket({ redis: suite.store.redis!, keyPrefix: 'budget:', timeoutMs: 1000 });
    await bucket.take('ttl', 500, SHOPIFY);
    const ttl = await suite.store.redis!.pttl('budget:ttl');
    // 500 missing points at 50/s = 10 s, plus a second of slack.
    expect(ttl).toBeGreaterThan(10_500);
    expect(ttl).toBeLessThanOrEqual(11_000);
    expect(Number(await suite.store.redis!.hget('budget:ttl', 'tokens'))).toBeGreaterThanOrEqual(500);
  });

  it('uses Redis TIME when no clock is injected', async () => {
    const bucket = createRedisTokenBucket({ redis: suite.store.redis!, timeoutMs: 1000 });
    const limits = { capacity: 100, restoreRate: 1000 };
    await bucket.take('server-clock', 100, limits);
    await new Promise((resolve) => setTimeout(resolve, 60));
    // At least 50 ms of server time passed: 50 points at 1000/s.
    expect(await bucket.take('server-clock', 50, limits)).toMatchObject({ allowed: true, path: 'redis' });
  });

  it('falls back to EVAL when Redis does not know the script, then runs it by SHA', async () => {
    // A never-loaded source has an unknown SHA: the NOSCRIPT path, without SCRIPT FLUSH on a shared Redis.
    const script = new RedisScript(`return ARGV[1] .. ' ${randomUUID()}'`);
    expect(await suite.store.redis!.script('EXISTS', script.sha)).toEqual([0]);
    expect(String(await script.run(suite.store.redis!, [], ['hola']))).toMatch(/^hola /);
    expect(await suite.store.redis!.script('EXISTS', script.sha)).toEqual([1]);
  });
});
