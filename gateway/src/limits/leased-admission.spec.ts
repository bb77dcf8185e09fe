import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { testServices } from '@academy/testing';
import { describe, expect, it } from 'vitest';
import { redisStoreForSuite } from '../../test/redis-suite';
import type { AdmissionRequest } from './admission';
import { createLimiters, type Limiters } from './create-limiters';

const { redisUrl } = testServices();
const LEASE_MS = 40;
const HOUR = 3_600_000;

describe.skipIf(!redisUrl)('leased redis admission', () => {
  const suite = redisStoreForSuite(redisUrl, 'leases');

  const replica = (expectedReplicas = 1): Limiters => createLimiters({ store: suite.store, timeoutMs: 1000, leaseMs: LEASE_MS, expectedReplicas, onLeaseReleaseError: (error) => expect.fail(error.message) });
  const request = (tenant: string, cost: number, { tenantLimit = 100_000, callerLimit = 100_000, capacity = 1_000_000, restoreRate = 0.001 } = {}): AdmissionRequest => ({
    rate: [
      { key: `rate:${tenant}`, limit: tenantLimit, windowMs: HOUR },
      { key: `rate:${tenant}:ana`, limit: callerLimit, windowMs: HOUR },
    ],
    key: `cost:${tenant}`,
    cost,
    limits: { capacity, restoreRate },
  });
  /** Counts the admission scripts sent (every limiter call is one EVALSHA). */
  const countScripts = () => {
    const redis = suite.store.redis!;
    const original = redis.evalsha.bind(redis);
    const counter = {
      calls: 0,
      restore: () => {
        redis.evalsha = original;
      },
    };
    redis.evalsha = ((...args: Parameters<typeof original>) => {
      counter.calls += 1;
      return original(...args);
    }) as typeof redis.evalsha;
    return counter;
  };
  /** The window's count (this one and the previous: the hour may turn during a test) and the bucket's points, read from Redis. */
  const stored = async (tenant: string) => {
    const redis = suite.store.redis!;
    const window = await redis.hmget(`rate:${tenant}`, 'c', 'p');
    const caller = await redis.hmget(`rate:${tenant}:ana`, 'c', 'p');
    const [tokens] = await redis.hmget(`cost:${tenant}`, 'tokens');
    return { tenant: Number(window[0] ?? 0) + Number(window[1] ?? 0), caller: Number(caller[0] ?? 0) + Number(caller[1] ?? 0), tokens: Number(tokens) };
  };
  /** Admits one after another for `ms`, `workers` at a time; what was admitted and refused. */
  const hammer = async (limiters: Limiters, make: () => AdmissionRequest, ms: number, { workers = 4, paced = true } = {}) => {
    const until = Date.now() + ms;
    const totals = { admitted: 0, admittedCost: 0, refused: 0, paths: new Set<string>() };
    await Promise.all(
      Array.from({ length: workers }, async () => {
        while (Date.now() < until) {
          const req = make();
          const { rate, take } = await limiters.admission.admit(req);
          totals.paths.add(rate.path);
          if (take) totals.paths.add(take.path);
          if (rate.allowed && take?.allowed) {
            totals.admitted += 1;
            totals.admittedCost += req.cost;
          } else totals.refused += 1;
          // Paced like requests that do some work: from a lease, admissions alone take microseconds.
          if (paced) await sleep(1);
        }
      }),
    );
    return totals;
  };

  it('admits a busy key mostly from its lease, and gives back what it did not use', async () => {
    const limiters = replica();
    const tenant = randomUUID();
    const scripts = countScripts();
    let totals: Awaited<ReturnType<typeof hammer>>;
    try {
      totals = await hammer(limiters, () => request(tenant, 3), 600);
    } finally {
      scripts.restore();
    }
    expect(totals.refused).toBe(0);
    expect(totals.paths).toEqual(new Set(['redis']));
    // The first 100 ms measure the arrival rate; after that most requests need no round trip.
    expect(scripts.calls).toBeLessThan(totals.admitted / 3);
    // Reserved beyond what ran until the leases expire; then Redis holds exactly what was admitted.
    await sleep(3 * LEASE_MS);
    const after = await stored(tenant);
    expect(after.tenant).toBe(totals.admitted);
    expect(after.caller).toBe(totals.admitted);
    expect(after.tokens).toBeCloseTo(1_000_000 - 3 * totals.admitted, -1);
    await limiters.close();
  });

  it('sends refunds to a live lease, and everything held back to Redis on close', async () => {
    const limiters = replica();
    const tenant = randomUUID();
    const totals = await hammer(limiters, () => request(tenant, 10), 300, { workers: 2 });
    // Still inside the last lease: the refund stays with this replica and counts as available.
    const refund = await limiters.bucket.refund(`cost:${tenant}`, 4, request(tenant, 0).limits);
    await limiters.close();
    const after = await stored(tenant);
    expect(after.tenant).toBe(totals.admitted);
    expect(after.tokens).toBeCloseTo(1_000_000 - 10 * totals.admitted + 4, -1);
    expect(refund.path).toBe('redis');
  });

  it('never leases a small limit: every request is decided in Redis, exactly', async () => {
    const limiters = replica();
    const tenant = randomUUID();
    const scripts = countScripts();
    const remaining: number[] = [];
    try {
      for (let i = 0; i < 12; i += 1) {
        const { rate } = await limiters.admission.admit(request(tenant, 1, { callerLimit: 7 }));
        remaining.push(rate.allowed ? rate.remaining : -1);
        await sleep(10);
      }
    } finally {
      scripts.restore();
    }
    expect(scripts.calls).toBe(12);
    expect(remaining).toEqual([6, 5, 4, 3, 2, 1, 0, -1, -1, -1, -1, -1]);
    await limiters.close();
  });

  it('two replicas with leases never admit more than the shared bucket and rate hold; refusals come from Redis', async () => {
    const [a, b] = [replica(2), replica(2)];
    const tenant = randomUUID();
    const limits = { capacity: 4000, restoreRate: 100, tenantLimit: 100_000, callerLimit: 100_000 };
    const started = Date.now();
    const [ta, tb] = await Promise.all([hammer(a, () => request(tenant, 5, limits), 1200, { paced: false }), hammer(b, () => request(tenant, 5, limits), 1200, { paced: false })]);
    const elapsedSeconds = (Date.now() - started) / 1000;
    const admittedCost = ta.admittedCost + tb.admittedCost;
    expect(ta.refused + tb.refused).toBeGreaterThan(0);
    expect(admittedCost).toBeLessThanOrEqual(limits.capacity + limits.restoreRate * elapsedSeconds);
    // Leases only ever hold back a little: most of the budget was spent.
    expect(admittedCost).toBeGreaterThan(0.75 * limits.capacity);
    await Promise.all([a.close(), b.close()]);

    const rateTenant = randomUUID();
    const rateLimits = { tenantLimit: 600, callerLimit: 100_000 };
    const [ra, rb] = await Promise.all([hammer(a, () => request(rateTenant, 1, rateLimits), 800, { paced: false }), hammer(b, () => request(rateTenant, 1, rateLimits), 800, { paced: false })]);
    expect(ra.admitted + rb.admitted).toBeLessThanOrEqual(600);
    expect(ra.admitted + rb.admitted).toBeGreaterThan(500);
  });
});
