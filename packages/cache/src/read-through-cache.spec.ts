import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { describeWithRedis, REDIS_URL, silentLogger, sleep, uniquePrefix } from '../test/redis-services';
import type { KeyValueStore } from './key-value-store';
import { createMemoryStore } from './memory-store';
import { createCache } from './read-through-cache';
import { createRedisStore } from './redis-store';

const prefix = uniquePrefix();

interface Course {
  id: string;
  title: string;
}

function cacheBehaviour(create: () => KeyValueStore) {
  let store: KeyValueStore;
  beforeEach(() => {
    store = create();
  });
  afterEach(() => store?.close());

  it('loads on a miss, then serves the stored JSON', async () => {
    const cache = createCache<Course>(store, { namespace: 'course', ttlMs: 5000 });
    const load = vi.fn(async () => ({ id: 'c1', title: 'Algebra' }));
    expect(await cache.get('c1', load)).toEqual({ id: 'c1', title: 'Algebra' });
    expect(await cache.get('c1', load)).toEqual({ id: 'c1', title: 'Algebra' });
    expect(load).toHaveBeenCalledTimes(1);
    expect(JSON.parse((await store.get('course:c1'))!)).toEqual({ id: 'c1', title: 'Algebra' });
  });

  it('shares one load between concurrent misses', async () => {
    const cache = createCache<number>(store, { namespace: 'dedupe', ttlMs: 5000 });
    const load = vi.fn(async () => {
      await sleep(50);
      return 42;
    });
    const results = await Promise.all(Array.from({ length: 10 }, () => cache.get('k', load)));
    expect(results).toEqual(Array(10).fill(42));
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('loads again after the TTL and after invalidate', async () => {
    const cache = createCache<number>(store, { namespace: 'ttl', ttlMs: 80 });
    let version = 0;
    const load = async () => ++version;
    expect(await cache.get('k', load)).toBe(1);
    await sleep(150);
    expect(await cache.get('k', load)).toBe(2);
    await cache.invalidate('k');
    expect(await cache.get('k', load)).toBe(3);
  });

  it('does not cache failed loads', async () => {
    const cache = createCache<string>(store, { namespace: 'fail', ttlMs: 5000 });
    await expect(cache.get('k', async () => Promise.reject(new Error('source down')))).rejects.toThrow('source down');
    expect(await cache.get('k', async () => 'recovered')).toBe('recovered');
  });

  it('does not store a value loaded before an invalidate', async () => {
    const cache = createCache<string>(store, { namespace: 'race', ttlMs: 5000 });
    const stale = cache.get('k', async () => {
      await sleep(50);
      return 'old';
    });
    await sleep(10);
    await cache.invalidate('k');
    expect(await stale).toBe('old');
    expect(await cache.get('k', async () => 'new')).toBe('new');
  });

  it('keeps namespaces apart and caches null', async () => {
    const a = createCache<string | null>(store, { namespace: 'a', ttlMs: 5000 });
    const b = createCache<string | null>(store, { namespace: 'b', ttlMs: 5000 });
    expect(await a.get('k', async () => null)).toBeNull();
    expect(await b.get('k', async () => 'b')).toBe('b');
    expect(await a.get('k', async () => 'not called')).toBeNull();
  });
}

describe('read-through cache on the memory store', () => {
  cacheBehaviour(() => createMemoryStore());

  it('falls back to loading when the store fails', async () => {
    const store = createMemoryStore();
    await store.close(); // every store call now rejects
    const cache = createCache<string>(store, { namespace: 'down', ttlMs: 5000, logger: silentLogger });
    expect(await cache.get('k', async () => 'from source')).toBe('from source');
  });
});

describeWithRedis('read-through cache on the Redis store', prefix, () => {
  cacheBehaviour(() => createRedisStore({ url: REDIS_URL, keyPrefix: prefix, logger: silentLogger }));
});
