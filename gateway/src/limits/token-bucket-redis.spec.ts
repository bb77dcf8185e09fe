import { randomUUID } from 'node:crypto';
import { createRedisStore, type KeyValueStore } from '@academy/cache';
import { startTcpProxy, testServices } from '@academy/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { deleteKeys, silentLogger as logger, startSilentRedis } from '../../test/limits-support';
import type { RedisFailurePolicy } from './redis-failure-policy';
import { createRedisRateLimiter } from './redis-rate-limiter';
import { createRedisTokenBucket } from './redis-token-bucket';

const { redisUrl } = testServices();

describe.skipIf(!redisUrl)('redis token bucket under concurrency', () => {
  const prefix = `test:limits:${randomUUID()}:`;
  const stores: KeyValueStore[] = [];
  beforeAll(async () => {
    // Four connections, as four gateway replicas would have.
    for (let i = 0; i < 4; i += 1) stores.push(createRedisStore({ url: redisUrl!, keyPrefix: prefix, logger }));
    await Promise.all(stores.map((store) => store.readiness().check()));
  });
  afterAll(async () => {
    await deleteKeys(redisUrl!, prefix);
    await Promise.all(stores.map((store) => store.close()));
  });

  it('never admits more than capacity + restore × elapsed (+ one operation) across 200 concurrent takes', async () => {
    const limits = { capacity: 500, restoreRate: 100 };
    const cost = 7;
    const buckets = stores.map((store) => createRedisTokenBucket({ redis: store.redis!, timeoutMs: 5000 }));
    const started = performance.now();
    const results = await Promise.all(Array.from({ length: 200 }, (_, i) => buckets[i % buckets.length]!.take('shared', cost, limits)));
    const elapsedSeconds = (performance.now() - started) / 1000;
    expect(results.every((result) => result.path === 'redis')).toBe(true);
    const admitted = results.filter((result) => result.allowed).length * cost;
    // 200 × 7 = 1,400 points asked of a 500-point bucket: most must be refused.
    expect(admitted).toBeGreaterThanOrEqual(500 - cost);
    expect(admitted).toBeLessThanOrEqual(limits.capacity + limits.restoreRate * elapsedSeconds + cost);
    expect(results.some((result) => !result.allowed)).toBe(true);
  });

  it('starts the local fallback from this replica’s share of what Redis last reported, not from a full bucket', async () => {
    const { hostname, port } = new URL(redisUrl!);
    const proxy = await startTcpProxy(hostname, Number(port || 6379));
    const store = createRedisStore({ url: `redis://127.0.0.1:${proxy.port}`, keyPrefix: prefix, logger, commandTimeoutMs: 5000 });
    try {
      await store.readiness().check();
      const clock = 1_700_000_000_000;
      const bucket = createRedisTokenBucket({ redis: store.redis!, expectedReplicas: 2, timeoutMs: 1000, now: () => clock });
      const limits = { capacity: 100, restoreRate: 10 };
      expect(await bucket.take('blip', 90, limits)).toMatchObject({ allowed: true, available: 10, path: 'redis' });
      proxy.interrupt();
      while (store.redis!.status === 'ready') await new Promise((resolve) => setTimeout(resolve, 5));
      // This replica's share of the 10 points Redis reported is 5: a fresh share (50) would admit 10.
      expect(await bucket.take('blip', 10, limits)).toMatchObject({ allowed: false, available: 5, path: 'local' });
      expect(await bucket.take('blip', 5, limits)).toMatchObject({ allowed: true, available: 0, path: 'local' });
      // A key Redis never reported on still gets the full share.
      expect(await bucket.take('unseen', 50, limits)).toMatchObject({ allowed: true, available: 0, path: 'local' });
    } finally {
      await store.close();
      await proxy.close();
    }
  });
});

const UNREACHABLE = 'redis://127.0.0.1:1';
const LIMITS = { capacity: 100, restoreRate: 10 };

describe('when Redis is unreachable or too slow', () => {
  const opened: KeyValueStore[] = [];
  const storeFor = (url: string) => {
    const store = createRedisStore({ url, logger, commandTimeoutMs: 5000 });
    opened.push(store);
    return store;
  };
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((store) => store.close()));
  });

  it.each<[RedisFailurePolicy, boolean]>([
    ['fail-open', true],
    ['fail-closed', false],
  ])('applies %s within the deadline (server down)', async (policy, allowed) => {
    const bucket = createRedisTokenBucket({ redis: storeFor(UNREACHABLE).redis!, onRedisFailure: policy, timeoutMs: 100 });
    const started = performance.now();
    const result = await bucket.take('t', 10, LIMITS);
    expect(performance.now() - started).toBeLessThan(150);
    expect(result).toMatchObject({ allowed, path: policy });
    expect(result.error).toBeInstanceOf(Error);
  });

  it('falls back to a local bucket holding this replica’s share (capacity and rate ÷ replicas)', async () => {
    const clock = 1_700_000_000_000;
    const bucket = createRedisTokenBucket({ redis: storeFor(UNREACHABLE).redis!, timeoutMs: 100, expectedReplicas: 4, now: () => clock });
    // 100 / 4 = 25 points locally.
    expect(await bucket.take('t', 20, LIMITS)).toMatchObject({ allowed: true, available: 5, path: 'local' });
    expect(await bucket.take('t', 20, LIMITS)).toMatchObject({ allowed: false, path: 'local', retryAfterMs: 6000 }); // 15 points at 2.5/s
    expect(await bucket.refund('t', 20, LIMITS)).toMatchObject({ available: 25, path: 'local' });
  });

  it('gives up on a Redis that accepts the connection but never answers, within the deadline', async () => {
    const silent = await startSilentRedis();
    try {
      const store = storeFor(silent.url);
      // Connected and past the ready check; a PING would hang like everything else.
      if (store.redis!.status !== 'ready') await new Promise((resolve) => store.redis!.once('ready', resolve));
      const bucket = createRedisTokenBucket({ redis: store.redis!, timeoutMs: 80 });
      const started = performance.now();
      const result = await bucket.take('t', 10, LIMITS);
      const elapsed = performance.now() - started;
      expect(result).toMatchObject({ allowed: true, path: 'local' });
      expect(result.error?.message).toMatch(/within 80 ms/);
      expect(elapsed).toBeGreaterThanOrEqual(75);
      expect(elapsed).toBeLessThan(200);
    } finally {
      await silent.close();
    }
  });

  it('applies the same policies to the rate limiter', async () => {
    const redis = storeFor(UNREACHABLE).redis!;
    const limit = [{ key: 'tenant:t', limit: 4, windowMs: 60_000 }];
    expect(await createRedisRateLimiter({ redis, onRedisFailure: 'fail-open', timeoutMs: 100 }).hit(limit)).toMatchObject({ allowed: true, path: 'fail-open' });
    expect(await createRedisRateLimiter({ redis, onRedisFailure: 'fail-closed', timeoutMs: 100 }).hit(limit)).toMatchObject({ allowed: false, path: 'fail-closed' });
    const local = createRedisRateLimiter({ redis, timeoutMs: 100, expectedReplicas: 2 });
    // 4 / 2 replicas = 2 requests locally.
    const results = [await local.hit(limit), await local.hit(limit), await local.hit(limit)];
    expect(results.map((r) => [r.allowed, r.path])).toEqual([
      [true, 'local'],
      [true, 'local'],
      [false, 'local'],
    ]);
  });
});
