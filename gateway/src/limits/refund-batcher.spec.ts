import { describe, expect, it } from 'vitest';
import { createMemoryTokenBucket } from './memory-token-bucket';
import { createRefundBatcher } from './refund-batcher';
import type { TokenBucket } from './token-bucket';

const LIMITS = { capacity: 100, restoreRate: 1 };

/** The memory bucket, counting the refund calls that reach it. */
function countingBucket() {
  const clock = 1_700_000_000_000;
  const bucket = createMemoryTokenBucket({ now: () => clock });
  const calls: [string, number][] = [];
  const counted: TokenBucket = {
    take: bucket.take,
    refund: (key, points, limits) => {
      calls.push([key, points]);
      return bucket.refund(key, points, limits);
    },
  };
  return { bucket, counted, calls };
}

describe('refund batcher', () => {
  it('sends one refund per key and interval, with the points summed', async () => {
    const { bucket, counted, calls } = countingBucket();
    await bucket.take('a', 90, LIMITS);
    const batcher = createRefundBatcher(counted, () => undefined, 10);
    for (let i = 0; i < 5; i++) batcher.refund('a', 3, LIMITS);
    batcher.refund('b', 0, LIMITS);
    expect(calls).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(calls).toEqual([['a', 15]]);
    expect((await bucket.take('a', 0, LIMITS)).available).toBe(25);
  });

  it('flushes what is queued on demand (shutdown) and reports failures', async () => {
    const { counted, calls } = countingBucket();
    const errors: unknown[] = [];
    const failing: TokenBucket = { ...counted, refund: async () => Promise.reject(new Error('down')) };
    const batcher = createRefundBatcher(counted, () => undefined, 60_000);
    batcher.refund('a', 2, LIMITS);
    await batcher.flush();
    expect(calls).toEqual([['a', 2]]);
    const broken = createRefundBatcher(failing, (error) => errors.push(error), 60_000);
    broken.refund('a', 2, LIMITS);
    await broken.flush();
    expect(errors).toHaveLength(1);
  });
});
