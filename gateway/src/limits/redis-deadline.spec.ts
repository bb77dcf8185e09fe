import { createRedisStore, type KeyValueStore } from '@academy/cache';
import { testServices } from '@academy/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger as logger } from '../../test/limits-support';
import { withRedisDeadline } from './redis-deadline';

const { redisUrl } = testServices();

/** Keeps this process's event loop busy, as a burst of requests does. */
function block(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // busy
  }
}

describe('withRedisDeadline', () => {
  it('rejects with the message when the work does not settle in time, and passes results and failures through', async () => {
    await expect(withRedisDeadline(new Promise(() => undefined), 5, 'Redis did not answer within 5 ms')).rejects.toThrow('Redis did not answer within 5 ms');
    await expect(withRedisDeadline(Promise.resolve('PONG'), 5, 'late')).resolves.toBe('PONG');
    await expect(withRedisDeadline(Promise.reject(new Error('NOSCRIPT')), 5, 'late')).rejects.toThrow('NOSCRIPT');
  });

  describe.skipIf(!redisUrl)('against Redis', () => {
    let store: KeyValueStore;
    beforeAll(async () => {
      store = createRedisStore({ url: redisUrl!, logger });
      await store.readiness().check();
    });
    afterAll(() => store.close());

    // A plain timer race fails this: after the busy stretch the timers phase runs before the poll
    // phase that reads the reply, so a healthy Redis looked slow whenever the gateway was busy.
    it('counts a reply that arrived while this process was busy past the deadline as an answer', async () => {
      const decided = withRedisDeadline(store.redis!.ping(), 20, 'late');
      block(100);
      await expect(decided).resolves.toBe('PONG');
    });
  });
});
