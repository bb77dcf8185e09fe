import { describe, expect, it } from 'vitest';
import { RetryBudget } from './retry-budget';

describe('RetryBudget', () => {
  it('allows retries as a share of recent calls, with a floor per second', () => {
    let now = 0;
    const budget = new RetryBudget(0.1, 1, 10_000, () => now);
    // Floor: 1 per second over a 10 s window = 10 retries with no calls at all.
    for (let i = 0; i < 10; i++) expect(budget.tryRetry()).toBe(true);
    expect(budget.tryRetry()).toBe(false);
    // 200 calls make 20 retries allowed in the window: 10 more.
    for (let i = 0; i < 200; i++) budget.recordCall();
    for (let i = 0; i < 10; i++) expect(budget.tryRetry()).toBe(true);
    expect(budget.tryRetry()).toBe(false);
    // The window slides: old calls and retries no longer count.
    now = 10_001;
    expect(budget.tryRetry()).toBe(true);
  });

  it('refuses a negative ratio', () => {
    expect(() => new RetryBudget(-1)).toThrow(RangeError);
  });
});
