import type { Logger } from '@academy/service-kit';
import type { Redis } from 'ioredis';
import { assertInteger, assertTtl, type KeyValueStore } from './key-value-store';
import { closeClient, createRedisClient, whenReady } from './redis-client';
import { SubscriberRegistry } from './subscriber-registry';
import { withDeadline } from './with-deadline';

export interface RedisStoreOptions {
  url: string;
  /** Prepended to every key and channel, so services (and test runs) sharing a Redis stay apart. @default '' */
  keyPrefix?: string;
  logger: Logger;
  /** Each call rejects after this long, connecting included, instead of hanging on a sick Redis. @default 1000 */
  commandTimeoutMs?: number;
}

// Adds and, only when the key has no expiry yet, sets one: a fixed window in one round trip.
// Lua rather than `PEXPIRE … NX` keeps this working on Redis 6.
const INCREMENT_BY = `local v = redis.call('INCRBY', KEYS[1], ARGV[1])
if ARGV[2] ~= '' and redis.call('PTTL', KEYS[1]) == -1 then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return v`;

export function createRedisStore({ url, keyPrefix = '', logger, commandTimeoutMs = 1000 }: RedisStoreOptions): KeyValueStore {
  const client = createRedisClient({ url, keyPrefix, commandTimeoutMs, logger, role: 'commands' });
  const subscribers = new SubscriberRegistry(logger);
  const pendingSubscribes = new Map<string, Promise<unknown>>();
  // A subscribed connection cannot run other commands, so pub/sub gets its own, opened on first use.
  let subscriber: Redis | undefined;
  let closed = false;

  const run = <R>(connection: Redis, command: () => Promise<R>): Promise<R> =>
    withDeadline(
      whenReady(connection, commandTimeoutMs).then(command),
      commandTimeoutMs,
      `Redis command timed out after ${commandTimeoutMs} ms`,
    );
  // ioredis prefixes keys but not channels; prefixing here keeps pub/sub as isolated as keys.
  const channelOf = (channel: string) => keyPrefix + channel;
  const subscriberConnection = (): Redis => {
    if (subscriber) return subscriber;
    // Opened lazily, so a closed store must refuse here or it would open a connection nobody closes.
    if (closed) throw new Error('Redis store is closed');
    const connection = createRedisClient({ url, keyPrefix: '', commandTimeoutMs, logger, role: 'subscriber' });
    connection.on('message', (channel: string, message: string) => subscribers.dispatch(channel, message));
    subscriber = connection;
    return connection;
  };

  return {
    redis: client,
    get: (key) => run(client, () => client.get(key)),
    set: async (key, value, ttlMs) => {
      assertTtl(ttlMs);
      await run(client, () => (ttlMs === undefined ? client.set(key, value) : client.set(key, value, 'PX', ttlMs)));
    },
    delete: async (key) => {
      await run(client, () => client.del(key));
    },
    setIfAbsent: async (key, value, ttlMs) => {
      assertTtl(ttlMs);
      return (await run(client, () => client.set(key, value, 'PX', ttlMs, 'NX'))) === 'OK';
    },
    incrementBy: async (key, by, ttlMs) => {
      assertInteger(by);
      assertTtl(ttlMs);
      const value = await run(client, () => client.eval(INCREMENT_BY, 1, key, by, ttlMs ?? ''));
      return Number(value);
    },
    publish: async (channel, message) => {
      await run(client, () => client.publish(channelOf(channel), message));
    },
    subscribe: async (channel, handler) => {
      const full = channelOf(channel);
      const connection = subscriberConnection();
      if (subscribers.add(full, handler)) {
        const subscribing = run(connection, () => connection.subscribe(full)).finally(() => pendingSubscribes.delete(full));
        pendingSubscribes.set(full, subscribing);
      }
      try {
        // A second subscriber of the same channel waits for the first one's SUBSCRIBE as well.
        await pendingSubscribes.get(full);
      } catch (error) {
        subscribers.remove(full, handler);
        throw error;
      }
      return async () => {
        if (!subscribers.remove(full, handler)) return;
        // Best effort: if Redis is down the channel is resubscribed on reconnect, and messages
        // without handlers are dropped, so failing here would only make shutdown noisy.
        await run(connection, () => connection.unsubscribe(full)).catch((error: unknown) =>
          logger.warn({ err: error, channel: full }, 'redis unsubscribe failed'),
        );
      };
    },
    readiness: () => ({
      name: 'redis',
      check: async () => {
        await run(client, () => client.ping());
      },
    }),
    close: async () => {
      closed = true;
      subscribers.clear();
      await Promise.all([closeClient(client, commandTimeoutMs), subscriber && closeClient(subscriber, commandTimeoutMs)]);
    },
  };
}
