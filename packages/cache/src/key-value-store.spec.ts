import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeWithRedis, REDIS_URL, silentLogger, sleep, uniquePrefix, waitFor } from '../test/redis-services';
import type { KeyValueStore } from './key-value-store';
import { createMemoryStore } from './memory-store';
import { createRedisStore } from './redis-store';

const prefix = uniquePrefix();

function storeBehaviour(create: () => KeyValueStore, readinessName: string) {
  let store: KeyValueStore;
  beforeEach(() => {
    store = create();
  });
  afterEach(() => store?.close());

  it('gets, sets and deletes strings', async () => {
    expect(await store.get('missing')).toBeNull();
    await store.set('greeting', 'hola');
    expect(await store.get('greeting')).toBe('hola');
    await store.delete('greeting');
    expect(await store.get('greeting')).toBeNull();
  });

  it('expires keys after their TTL', async () => {
    await store.set('short', 'lived', 80);
    expect(await store.get('short')).toBe('lived');
    await sleep(150);
    expect(await store.get('short')).toBeNull();
  });

  it('sets only absent keys, and again once the TTL has passed', async () => {
    expect(await store.setIfAbsent('nonce', 'a', 80)).toBe(true);
    expect(await store.setIfAbsent('nonce', 'b', 80)).toBe(false);
    expect(await store.get('nonce')).toBe('a');
    await sleep(150);
    expect(await store.setIfAbsent('nonce', 'c', 80)).toBe(true);
  });

  it('increments, applying the TTL only when the counter is created', async () => {
    expect(await store.incrementBy('hits', 1, 150)).toBe(1);
    await sleep(80);
    expect(await store.incrementBy('hits', 5, 150)).toBe(6);
    await sleep(120); // past the first call's window, not the second's
    expect(await store.get('hits')).toBeNull();
    expect(await store.incrementBy('hits', -2)).toBe(-2);
  });

  it('refuses to increment a non-integer value or by a fraction', async () => {
    await store.set('word', 'abc');
    await expect(store.incrementBy('word', 1)).rejects.toThrow(/integer/);
    await expect(store.incrementBy('counter', 1.5)).rejects.toThrow(RangeError);
  });

  it('delivers published messages to every subscriber, asynchronously', async () => {
    const first: string[] = [];
    const second: string[] = [];
    const stopFirst = await store.subscribe('news', (m) => first.push(m));
    const stopSecond = await store.subscribe('news', (m) => second.push(m));
    const publishing = store.publish('news', 'one');
    expect(first).toEqual([]); // never inside publish's call stack
    await publishing;
    await waitFor(() => first.length === 1 && second.length === 1);
    await stopFirst();
    await store.publish('news', 'two');
    await waitFor(() => second.length === 2);
    expect(first).toEqual(['one']);
    expect(second).toEqual(['one', 'two']);
    await stopSecond();
  });

  it('keeps delivering to others when a subscriber throws', async () => {
    const received: string[] = [];
    await store.subscribe('alerts', () => {
      throw new Error('bad subscriber');
    });
    await store.subscribe('alerts', (m) => received.push(m));
    await store.publish('alerts', 'x');
    await waitFor(() => received.length === 1);
  });

  it('reports readiness and rejects calls after close', async () => {
    const check = store.readiness();
    expect(check.name).toBe(readinessName);
    await expect(check.check()).resolves.toBeUndefined();
    await store.close();
    await expect(store.get('anything')).rejects.toThrow();
    await expect(store.subscribe('anything', () => undefined)).rejects.toThrow();
    await expect(check.check()).rejects.toThrow();
  });
}

describe('memory store', () => {
  storeBehaviour(() => createMemoryStore({ logger: silentLogger }), 'memory');

  it('exposes no Redis client', () => {
    const store = createMemoryStore();
    expect(store.redis).toBeUndefined();
    return store.close();
  });
});

describeWithRedis('redis store', prefix, () => {
  storeBehaviour(() => createRedisStore({ url: REDIS_URL, keyPrefix: prefix, logger: silentLogger }), 'redis');
});
