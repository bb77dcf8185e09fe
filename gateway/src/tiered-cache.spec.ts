import { createMemoryStore } from '@academy/cache';
import { createLogger } from '@academy/service-kit';
import { describe, expect, it } from 'vitest';
import { createTieredCache } from './tiered-cache';

const logger = createLogger({ service: 'cache-spec', level: 'silent' });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function counting<T>(value: T, delayMs = 0) {
  let calls = 0;
  return {
    load: async () => {
      calls++;
      if (delayMs) await sleep(delayMs);
      return value;
    },
    calls: () => calls,
  };
}

describe('createTieredCache', () => {
  it('shares one load between concurrent misses and serves later reads from memory', async () => {
    const cache = createTieredCache<string>({ namespace: 'n', ttlMs: 1_000, negativeTtlMs: 100, store: null, logger });
    const source = counting('v', 20);
    expect(await Promise.all([cache.get('k', source.load), cache.get('k', source.load), cache.get('k', source.load)])).toEqual(['v', 'v', 'v']);
    expect(await cache.get('k', source.load)).toBe('v');
    expect(source.calls()).toBe(1);
  });

  it('forgets "not found" sooner than a found value', async () => {
    const cache = createTieredCache<string>({ namespace: 'n', ttlMs: 1_000, negativeTtlMs: 30, store: null, logger });
    const missing = counting<string | null>(null);
    await cache.get('gone', missing.load);
    await cache.get('gone', missing.load);
    expect(missing.calls()).toBe(1);
    await sleep(40);
    await cache.get('gone', missing.load);
    expect(missing.calls()).toBe(2);
  });

  it('lets a second cache on the same store skip the source, and invalidation reach both', async () => {
    const store = createMemoryStore();
    const [a, b] = [0, 1].map(() => createTieredCache<string>({ namespace: 'shared', ttlMs: 1_000, negativeTtlMs: 100, store, logger }));
    const source = counting('v');
    await a.get('k', source.load);
    expect(await b.get('k', source.load)).toBe('v');
    expect(source.calls()).toBe(1);
    await a.invalidate(['k']);
    expect(await store.get('shared:k')).toBeNull();
    await b.invalidate(['k']); // each replica drops its own memory on the event
    expect(await b.get('k', async () => 'w')).toBe('w');
  });

  it('does not cache a load that an invalidation overtook', async () => {
    const cache = createTieredCache<string>({ namespace: 'n', ttlMs: 1_000, negativeTtlMs: 100, store: createMemoryStore(), logger });
    const pending = cache.get('k', async () => {
      await sleep(20);
      return 'before the change';
    });
    await cache.invalidate(['k']);
    expect(await pending).toBe('before the change');
    expect(await cache.get('k', async () => 'after the change')).toBe('after the change');
  });

  it('treats a stored value its staleness check rejects as a miss', async () => {
    const store = createMemoryStore();
    const writer = createTieredCache<string>({ namespace: 's', ttlMs: 1_000, negativeTtlMs: 100, store, logger });
    await writer.get('k', async () => 'old');
    const reader = createTieredCache<string>({ namespace: 's', ttlMs: 1_000, negativeTtlMs: 100, store, logger, isStale: async (value) => value === 'old' });
    expect(await reader.get('k', async () => 'new')).toBe('new');
  });
});
