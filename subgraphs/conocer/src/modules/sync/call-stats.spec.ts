import { describe, expect, it } from 'vitest';
import { CallStats, ERROR_RATE_WINDOW_MS } from './call-stats';

describe('CallStats', () => {
  it('is the share of failed calls in the window, 0 without calls', () => {
    const stats = new CallStats();
    const now = Date.parse('2026-01-01T12:00:00Z');
    expect(stats.errorRate(now)).toBe(0);
    for (const outcome of ['ok', 'ok', 'ok', 'error'] as const) stats.record({ outcome }, now);
    expect(stats.errorRate(now)).toBe(0.25);
  });

  it('forgets calls older than the window', () => {
    const stats = new CallStats();
    const now = Date.parse('2026-01-01T12:00:00Z');
    stats.record({ outcome: 'error' }, now);
    stats.record({ outcome: 'ok' }, now + ERROR_RATE_WINDOW_MS);
    expect(stats.errorRate(now + ERROR_RATE_WINDOW_MS + 60_000)).toBe(0);
    stats.record({ outcome: 'error' }, now + ERROR_RATE_WINDOW_MS + 60_000);
    expect(stats.errorRate(now + ERROR_RATE_WINDOW_MS + 60_000)).toBe(0.5);
  });
});
