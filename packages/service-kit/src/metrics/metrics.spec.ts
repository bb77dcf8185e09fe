import { describe, expect, it } from 'vitest';
import { BoundedLabel } from './bounded-label';
import { WindowTally } from './window-tally';

describe('BoundedLabel', () => {
  it('keeps the first values and counts later ones as other', () => {
    const label = new BoundedLabel(2);
    expect([label.of('A'), label.of('B'), label.of('C'), label.of('A'), label.of(null)]).toEqual(['A', 'B', 'other', 'A', 'other']);
  });
});

describe('WindowTally', () => {
  it('ranks keys within the window and sums the rest as other', () => {
    let now = 1_000_000;
    const tally = new WindowTally({ windowMs: 60_000, bucketMs: 10_000, now: () => now });
    for (const [key, count] of [['acme', 5], ['globex', 3], ['initech', 1], ['umbrella', 1]] as const) tally.add(key, count);
    expect(tally.top(2)).toEqual([['acme', 5], ['globex', 3], ['other', 2]]);
    now += 30_000;
    tally.add('globex', 4);
    expect(tally.top(1)).toEqual([['globex', 7], ['other', 7]]);
    now += 40_000; // the first bucket has left the window
    expect(tally.totals()).toEqual([['globex', 4]]);
  });
});
