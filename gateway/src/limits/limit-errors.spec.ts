import { createMemoryStore } from '@academy/cache';
import { describe, expect, it } from 'vitest';
import { costLimitExceededError } from '../cost';
import { createLimiters } from './create-limiters';
import { costExtension, rateLimitedError, throttledError } from './limit-errors';

describe('client-facing limit errors', () => {
  const limits = { capacity: 1000, restoreRate: 50 };

  it('THROTTLED carries Shopify’s extensions.cost with a null actual cost', () => {
    const error = throttledError(120, { allowed: false, available: 37.5, retryAfterMs: 1650, path: 'redis' }, limits);
    expect(error.extensions).toEqual({
      code: 'THROTTLED',
      http: { status: 429 },
      retryAfterMs: 1650,
      cost: { requestedQueryCost: 120, actualQueryCost: null, throttleStatus: { maximumAvailable: 1000, currentlyAvailable: 37, restoreRate: 50 } },
    });
  });

  it('RATE_LIMITED carries Cosmo’s extensions.rateLimit', () => {
    const error = rateLimitedError({ allowed: false, requestRate: 60, remaining: 0, retryAfterMs: 900, resetAfterMs: 60_000, checks: [], path: 'redis' });
    expect(error.extensions).toEqual({ code: 'RATE_LIMITED', http: { status: 429 }, rateLimit: { requestRate: 60, remaining: 0, retryAfterMs: 900, resetAfterMs: 60_000 } });
  });

  it('COST_LIMIT_EXCEEDED uses Apollo’s extension keys', () => {
    expect(costLimitExceededError(1500, 1000).extensions).toEqual({ code: 'COST_LIMIT_EXCEEDED', http: { status: 400 }, 'cost.estimated': 1500, 'cost.max': 1000 });
  });

  it('reports the cost of a served operation', () => {
    expect(costExtension(51, 4, 996.2, limits)).toEqual({ requestedQueryCost: 51, actualQueryCost: 4, throttleStatus: { maximumAvailable: 1000, currentlyAvailable: 996, restoreRate: 50 } });
  });
});

describe('limiter factories', () => {
  it('use in-process limiters for a store without Redis', async () => {
    const store = createMemoryStore();
    try {
      expect((await createLimiters({ store }).bucket.take('t', 1, { capacity: 2, restoreRate: 1 })).path).toBe('memory');
      expect((await createLimiters({ store }).rate.hit([{ key: 't', limit: 1, windowMs: 1000 }])).path).toBe('memory');
    } finally {
      await store.close();
    }
  });
});
