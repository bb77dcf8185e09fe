import { describe, expect, it } from 'vitest';
import { nextPeriod, periodStart, periodsBetween } from './period';

const at = (iso: string) => new Date(iso);

describe('aggregate periods (UTC)', () => {
  it('starts days at midnight, weeks on Monday, months on the 1st', () => {
    const wednesday = at('2026-11-25T23:59:59.999Z');
    expect(periodStart(wednesday, 'DAY').toISOString()).toBe('2026-11-25T00:00:00.000Z');
    expect(periodStart(wednesday, 'WEEK').toISOString()).toBe('2026-11-23T00:00:00.000Z');
    expect(periodStart(at('2026-11-29T12:00:00Z'), 'WEEK').toISOString()).toBe('2026-11-23T00:00:00.000Z'); // Sunday
    expect(periodStart(at('2026-11-23T00:00:00Z'), 'WEEK').toISOString()).toBe('2026-11-23T00:00:00.000Z'); // Monday
    expect(periodStart(wednesday, 'MONTH').toISOString()).toBe('2026-11-01T00:00:00.000Z');
  });

  it('steps across month and year ends', () => {
    expect(nextPeriod(at('2026-12-01T00:00:00Z'), 'MONTH').toISOString()).toBe('2027-01-01T00:00:00.000Z');
    expect(nextPeriod(at('2026-12-28T00:00:00Z'), 'WEEK').toISOString()).toBe('2027-01-04T00:00:00.000Z');
    expect(nextPeriod(at('2028-02-28T00:00:00Z'), 'DAY').toISOString()).toBe('2028-02-29T00:00:00.000Z');
  });

  it('lists the periods overlapping a range, partial ones at both ends included', () => {
    const months = periodsBetween(at('2026-01-15T00:00:00Z'), at('2026-03-02T00:00:00Z'), 'MONTH').map((d) => d.toISOString().slice(0, 10));
    expect(months).toEqual(['2026-01-01', '2026-02-01', '2026-03-01']);
    expect(periodsBetween(at('2026-01-15T00:00:00Z'), at('2026-01-15T00:00:00Z'), 'DAY')).toEqual([]);
  });
});
