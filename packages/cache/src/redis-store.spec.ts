import { describe, expect, it } from 'vitest';
import { describeWithRedis, REDIS_URL, silentLogger, uniquePrefix, waitFor } from '../test/redis-services';
import { startTcpProxy } from '@academy/testing';
import { createKeyValueStore } from './create-key-value-store';
import { createRedisStore } from './redis-store';

const prefix = uniquePrefix();

async function elapsed(work: Promise<unknown>): Promise<{ ms: number; error: unknown }> {
  const started = Date.now();
  const error = await work.then(
    () => undefined,
    (e: unknown) => e,
  );
  return { ms: Date.now() - started, error };
}

const sockets = () => process.getActiveResourcesInfo().filter((r) => r === 'TCPSocketWrap').length;

describe('redis store without a server', () => {
  it('rejects calls within about 1.5 s instead of hanging', async () => {
    const store = createRedisStore({ url: 'redis://127.0.0.1:1', logger: silentLogger });
    const get = await elapsed(store.get('k'));
    const ready = await elapsed(store.readiness().check());
    await store.close();
    expect(get.error).toBeInstanceOf(Error);
    expect(get.ms).toBeLessThan(1500);
    expect(ready.error).toBeInstanceOf(Error);
    expect(ready.ms).toBeLessThan(1500);
  });
});

describe('createKeyValueStore', () => {
  it('is in memory without a Redis URL, Redis-backed with one', async () => {
    const memory = createKeyValueStore({ redisUrl: null, logger: silentLogger });
    const redis = createKeyValueStore({ redisUrl: 'redis://127.0.0.1:1', keyPrefix: prefix, logger: silentLogger });
    expect([memory.readiness().name, redis.readiness().name]).toEqual(['memory', 'redis']);
    expect(redis.redis).toBeDefined();
    await Promise.all([memory.close(), redis.close()]);
  });
});

describeWithRedis('redis store', prefix, () => {
  const open = (keyPrefix = prefix, url = REDIS_URL) => createRedisStore({ url, keyPrefix, logger: silentLogger });

  it('exposes the prefixed ioredis client for Lua scripts', async () => {
    const store = open();
    await store.set('lua', 'from-store');
    expect(await store.redis!.eval("return redis.call('GET', KEYS[1])", 1, 'lua')).toBe('from-store');
    await store.close();
  });

  it('keeps keys and channels of different prefixes apart', async () => {
    const a = open(`${prefix}a:`);
    const b = open(`${prefix}b:`);
    await a.set('shared', 'a');
    expect(await b.get('shared')).toBeNull();
    const heardByB: string[] = [];
    const heardByA: string[] = [];
    await b.subscribe('room', (m) => heardByB.push(m));
    await a.subscribe('room', (m) => heardByA.push(m));
    await a.publish('room', 'for a only');
    await waitFor(() => heardByA.length === 1);
    expect(heardByB).toEqual([]);
    await Promise.all([a.close(), b.close()]);
  });

  it('fails fast during an outage and recovers, subscriptions included', async () => {
    const { port: redisPort, hostname } = new URL(REDIS_URL);
    const proxy = await startTcpProxy(hostname, Number(redisPort || 6379));
    const store = open(prefix, REDIS_URL.replace(`${hostname}:${redisPort || 6379}`, `127.0.0.1:${proxy.port}`));
    const heard: string[] = [];
    await store.subscribe('outage', (m) => heard.push(m));
    await store.set('k', 'v');

    proxy.interrupt();
    const during = await elapsed(store.get('k'));
    expect(during.error).toBeInstanceOf(Error);
    expect(during.ms).toBeLessThan(1500);

    proxy.resume();
    await waitFor(() => store.redis!.status === 'ready', 10_000);
    expect(await store.get('k')).toBe('v');
    // The resubscription lands shortly after `ready`: publish until the subscriber hears it.
    await waitFor(() => {
      if (heard.length > 0) return true;
      store.publish('outage', 'back').catch(() => undefined);
      return false;
    }, 10_000);
    expect(heard[0]).toBe('back');
    await store.close();
    await proxy.close();
  });

  it('leaves no sockets open after close', async () => {
    // Sockets destroyed by earlier tests are released a little later; start from a quiet process.
    await waitFor(() => sockets() === 0, 5000);
    const store = open();
    await store.subscribe('handles', () => undefined);
    await store.get('k');
    expect(sockets()).toBe(2); // commands + subscriber
    await store.close();
    await waitFor(() => sockets() === 0);
  });
});
