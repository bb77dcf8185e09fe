import { describe, expect, it } from 'vitest';
import { parseRetryAfter, retryDelayMs } from './backoff';

describe('retryDelayMs', () => {
  it('doubles per attempt, with half of each delay random, capped at 8 s', () => {
    expect([1, 2, 3, 4].map((attempt) => retryDelayMs(attempt, null, () => 0))).toEqual([125, 250, 500, 1000]);
    expect([1, 2, 3, 4].map((attempt) => retryDelayMs(attempt, null, () => 0.999))).toEqual([249, 499, 999, 1999]);
    expect(retryDelayMs(20, null, () => 0.999)).toBeLessThan(8000);
  });

  it('waits at least the Retry-After, plus at most 10% (and at most 1 s)', () => {
    expect(retryDelayMs(1, 2000, () => 0)).toBe(2000);
    expect(retryDelayMs(1, 2000, () => 0.999)).toBe(2199);
    expect(retryDelayMs(1, 60_000, () => 0.999)).toBe(60_999);
  });
});

describe('parseRetryAfter', () => {
  it('reads delay-seconds and HTTP dates, and nothing else', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('3', now)).toBe(3000);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:10 GMT', now)).toBe(10_000);
    expect(parseRetryAfter('Wed, 31 Dec 2025 00:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter(undefined, now)).toBeNull();
    expect(parseRetryAfter('soon', now)).toBeNull();
  });
});
