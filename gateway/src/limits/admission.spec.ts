import { randomUUID } from 'node:crypto';
import { createMemoryStore, createRedisStore, } from '@academy/cache';
import { testServices } from '@academy/testing';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger as logger } from '../../test/limits-support';
import { redisStoreForSuite } from '../../test/redis-suite';
import type { AdmissionLimiter } from './admission';
import { createLimiters, type Limiters } from './create-limiters';

const { redisUrl } = testServices();
const BUCKET = { capacity: 100, restoreRate: 10 };

/** One scenario on the in-process and the Redis admission; the clock only moves by hand. */
function admissionBehaviour(create: (now: () => number) => Limiters, path: 'memory' | 'redis') {
  const clock = 1_700_000_000_000;
  let limiters: Limiters;
  let admission: AdmissionLimiter;
  let tenant: string;
  beforeEach(() => {
    limiters = create(() => clock);
    admission = limiters.admission;
    tenant = randomUUID();
  });
  const request = (cost: number, callerLimit = 10) => ({
    rate: [
      { key: `rate:${tenant}`, limit: 100, windowMs: 60_000 },
      { key: `rate:${tenant}:ana`, limit: callerLimit, windowMs: 60_000 },
    ],
    key: `cost:${tenant}`,
    cost,
    limits: BUCKET,
  });

  it('counts the request and debits the estimate together', async () => {
    const { rate, take } = await admission.admit(request(30));
    expect(rate).toMatchObject({ allowed: true, remaining: 9, path });
    expect(take).toEqual({ allowed: true, available: 70, retryAfterMs: 0, path });
    expect((await admission.admit(request(70))).take).toMatchObject({ allowed: true, available: 0 });
  });

  it('debits nothing when a rate limit refuses', async () => {
    await admission.admit(request(10, 1));
    const refused = await admission.admit(request(10, 1));
    expect(refused.rate).toMatchObject({ allowed: false, requestRate: 1, remaining: 0 });
    expect(refused.take).toBeUndefined();
    expect(await limiters.bucket.take(`cost:${tenant}`, 0, BUCKET)).toMatchObject({ available: 90 });
  });

  it('counts a request the bucket refuses (it was made), and says when the points will be there', async () => {
    const refused = await admission.admit(request(150));
    expect(refused.take).toEqual({ allowed: false, available: 100, retryAfterMs: null, path });
    await admission.admit(request(95));
    expect((await admission.admit(request(20))).take).toMatchObject({ allowed: false, available: 5, retryAfterMs: 1500 });
    expect((await admission.admit(request(0))).rate.remaining).toBe(6); // four requests counted of ten
  });

  it('rejects nonsense before touching any state', async () => {
    await expect(admission.admit({ ...request(1), cost: -1 })).rejects.toThrow(RangeError);
    await expect(admission.admit({ ...request(1), limits: { capacity: 0, restoreRate: 1 } })).rejects.toThrow(RangeError);
    expect((await admission.admit(request(0))).rate.remaining).toBe(9);
  });
}

describe('in-process admission', () => {
  const store = createMemoryStore();
  afterAll(() => store.close());
  admissionBehaviour((now) => createLimiters({ store, now }), 'memory');
});

describe.skipIf(!redisUrl)('redis admission (one script)', () => {
  const suite = redisStoreForSuite(redisUrl);

  admissionBehaviour((now) => createLimiters({ store: suite.store, now, timeoutMs: 1000 }), 'redis');
  // A key quiet on this replica is never leased: the same answers, decided in Redis.
  describe('with leases', () => admissionBehaviour((now) => createLimiters({ store: suite.store, now, timeoutMs: 1000, leaseMs: 50 }), 'redis'));

  it('makes one round trip per admission', async () => {
    const { admission } = createLimiters({ store: suite.store, timeoutMs: 1000 });
    const tenant = randomUUID();
    const sent: string[] = [];
    const monitor = (command: string) => sent.push(command);
    const redis = suite.store.redis!;
    const original = redis.sendCommand.bind(redis);
    redis.sendCommand = ((command: { name: string }) => {
      monitor(command.name);
      return original(command as never);
    }) as typeof redis.sendCommand;
    try {
      await admission.admit({ rate: [{ key: `rate:${tenant}`, limit: 5, windowMs: 60_000 }], key: `cost:${tenant}`, cost: 3, limits: BUCKET });
    } finally {
      redis.sendCommand = original;
    }
    expect(sent).toEqual(['evalsha']);
  });

  it('falls back per policy for both parts when Redis is unreachable', async () => {
    const down = createRedisStore({ url: 'redis://127.0.0.1:1', logger, commandTimeoutMs: 5000 });
    try {
      const { admission } = createLimiters({ store: down, timeoutMs: 100, expectedReplicas: 2 });
      const result = await admission.admit({ rate: [{ key: 'rate:t', limit: 4, windowMs: 60_000 }], key: 'cost:t', cost: 20, limits: BUCKET });
      expect(result.rate).toMatchObject({ allowed: true, path: 'local' });
      expect(result.take).toMatchObject({ allowed: true, available: 30, path: 'local' });
      expect(result.rate.error).toBeInstanceOf(Error);
      const closed = createLimiters({ store: down, timeoutMs: 100, onRedisFailure: 'fail-closed' });
      expect(await closed.admission.admit({ rate: [], key: 'cost:t', cost: 1, limits: BUCKET })).toMatchObject({ rate: { allowed: true }, take: { allowed: false, path: 'fail-closed' } });
    } finally {
      await down.close();
    }
  });
});
