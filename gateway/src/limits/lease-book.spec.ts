import { describe, expect, it } from 'vitest';
import { LeaseBook } from './lease-book';

const T0 = 1_000_000;

/** `count` arrivals of `key` spread evenly over `ms`, starting at `from`. */
function arrivals(book: LeaseBook, key: string, count: number, ms: number, from = T0) {
  for (let i = 0; i <= count; i += 1) book.observe(key, from + (i * ms) / count);
}

describe('LeaseBook', () => {
  it('sizes a lease to the arrivals expected within half of it, capped to 1/8 of the limit over the replicas', () => {
    const book = new LeaseBook(100, 2);
    expect(book.extra('k', 1, 1_000_000)).toBe(0); // never seen
    arrivals(book, 'k', 200, 100); // 2 per ms
    expect(book.extra('k', 1, 1_000_000)).toBe(100);
    expect(book.extra('k', 5, 1_000_000)).toBe(500); // points: per-request cost × requests
    expect(book.extra('k', 1, 800)).toBe(50); // 800 / 8 / 2
    expect(book.extra('k', 1, 15)).toBe(0); // a small limit is never leased
    book.reserving('k', true);
    expect(book.extra('k', 1, 1_000_000)).toBe(0); // one reservation in flight at a time
    book.reserving('k', false);
    expect(book.extra('k', 1, 1_000_000)).toBe(100);
  });

  it('a quiet key is not leased', () => {
    const book = new LeaseBook(50, 1);
    arrivals(book, 'quiet', 3, 300); // 10 per second: under one request per half lease
    expect(book.extra('quiet', 1, 1_000_000)).toBe(0);
  });

  it('pays from a live credit only, and what expires goes back', () => {
    const book = new LeaseBook(50, 1);
    book.grant({ key: 'r', terms: '100/60000', units: 3, base: 90, window: { index: 7, ms: 60_000 } }, T0);
    expect(book.take('r', '100/60000', 1, T0 + 10)).toMatchObject({ units: 2, base: 90 });
    expect(book.take('r', '100/60000', 5, T0 + 10)).toBeUndefined(); // not enough
    expect(book.take('r', '10/60000', 1, T0 + 10)).toBeUndefined(); // the limit changed meanwhile
    expect(book.take('r', '100/60000', 1, T0 + 50)).toBeUndefined(); // expired
    expect(book.expire(T0 + 49)).toEqual([]);
    expect(book.expire(T0 + 50)).toEqual([{ key: 'r', terms: '100/60000', units: 2, base: 90, expiresAt: T0 + 50, window: { index: 7, ms: 60_000 } }]);
    expect(book.expire(T0 + 100)).toEqual([]);
  });

  it('merges grants of one window, returns a credit of an older window, and units given back late', () => {
    const book = new LeaseBook(50, 1);
    const terms = '100/60000';
    book.grant({ key: 'r', terms, units: 3, base: 90, window: { index: 7, ms: 60_000 } }, T0);
    book.grant({ key: 'r', terms, units: 2, base: 80, window: { index: 7, ms: 60_000 } }, T0 + 20);
    const credit = book.take('r', terms, 1, T0 + 30)!;
    expect(credit).toMatchObject({ units: 4, base: 80, expiresAt: T0 + 70 });
    book.grant({ key: 'r', terms, units: 5, base: 70, window: { index: 8, ms: 60_000 } }, T0 + 40);
    book.giveBack(credit, 1); // the window-7 credit was replaced meanwhile
    expect(book.expire(T0 + 41).map(({ units, window }) => [units, window?.index])).toEqual([
      [4, 7],
      [1, 7],
    ]);
    expect(book.add('r', 3, T0 + 41)).toMatchObject({ units: 8 });
    expect(book.expire(T0 + 41, true).map(({ units }) => units)).toEqual([8]);
  });
});
