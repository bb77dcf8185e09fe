import { describe, expect, it } from 'vitest';
import { healthOf, type HealthInputs, STALE_AFTER_MS } from './health-rules';

const now = Date.parse('2026-03-01T12:00:00Z');
const base: HealthInputs = { circuit: 'closed', errorRate: 0, lastSuccessAt: new Date(now - 3600_000), lastFinishedFailed: false, anySyncRan: true, now };

describe('healthOf', () => {
  it('is HEALTHY with a recent sync and calls succeeding, and on a fresh install', () => {
    expect(healthOf(base)).toBe('HEALTHY');
    expect(healthOf({ ...base, lastSuccessAt: null, anySyncRan: false })).toBe('HEALTHY');
  });

  it('is DEGRADED after a failed sync, while probing, or with 10% of calls failing', () => {
    expect(healthOf({ ...base, lastFinishedFailed: true })).toBe('DEGRADED');
    expect(healthOf({ ...base, circuit: 'half-open' })).toBe('DEGRADED');
    expect(healthOf({ ...base, errorRate: 0.1 })).toBe('DEGRADED');
  });

  it('is FAILING with the circuit open, half the calls failing, or no success in 48 hours', () => {
    expect(healthOf({ ...base, circuit: 'open' })).toBe('FAILING');
    expect(healthOf({ ...base, errorRate: 0.5 })).toBe('FAILING');
    expect(healthOf({ ...base, lastSuccessAt: new Date(now - STALE_AFTER_MS - 1) })).toBe('FAILING');
    expect(healthOf({ ...base, lastSuccessAt: null, lastFinishedFailed: true })).toBe('FAILING');
  });
});
