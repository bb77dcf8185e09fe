import { describe, expect, it } from 'vitest';
import { SubmissionBatcher } from './submission-batcher';

describe('SubmissionBatcher', () => {
  it('sends concurrent items as one batch and answers each caller with its own result', async () => {
    const batches: number[][] = [];
    const batcher = new SubmissionBatcher<number, string>(async (items) => {
      batches.push(items);
      return items.map((n) => `r${n}`);
    }, { maxSize: 3, windowMs: 5 });
    const results = await Promise.all([1, 2, 3, 4, 5].map((n) => batcher.add(n)));
    expect(results).toEqual(['r1', 'r2', 'r3', 'r4', 'r5']);
    expect(batches).toEqual([[1, 2, 3], [4, 5]]);
  });

  it('rejects every item of a failed batch, and of a batch answered with the wrong number of results', async () => {
    const failing = new SubmissionBatcher<number, string>(async () => {
      throw new Error('down');
    }, { maxSize: 10, windowMs: 1 });
    await expect(Promise.all([failing.add(1), failing.add(2)])).rejects.toThrow('down');
    const short = new SubmissionBatcher<number, string>(async () => ['only one'], { maxSize: 10, windowMs: 1 });
    const outcomes = await Promise.allSettled([short.add(1), short.add(2)]);
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected']);
  });
});
