import type { Logger } from '@academy/service-kit';
import { assertInteger, assertTtl, type KeyValueStore } from './key-value-store';
import { SubscriberRegistry } from './subscriber-registry';

export interface MemoryStoreOptions {
  /** Receives errors thrown by pub/sub handlers. @default undefined (errors are dropped) */
  logger?: Logger;
  /** How often expired keys are removed even if nobody reads them. @default 60000 */
  sweepIntervalMs?: number;
}

interface Entry {
  value: string;
  /** Epoch ms; null never expires. */
  expiresAt: number | null;
}

/**
 * For tests and single-replica development. State lives in this process only, so limits and
 * pub/sub do not span replicas: production uses the Redis store.
 */
export function createMemoryStore({ logger, sweepIntervalMs = 60_000 }: MemoryStoreOptions = {}): KeyValueStore {
  const entries = new Map<string, Entry>();
  const subscribers = new SubscriberRegistry(logger);
  let closed = false;

  const live = (key: string): Entry | undefined => {
    const entry = entries.get(key);
    if (entry?.expiresAt != null && entry.expiresAt <= Date.now()) {
      entries.delete(key);
      return undefined;
    }
    return entry;
  };
  const sweep = () => {
    const now = Date.now();
    for (const [key, entry] of entries) if (entry.expiresAt != null && entry.expiresAt <= now) entries.delete(key);
  };
  // unref: an idle cache must not keep a process (or a test worker) alive.
  const sweeper = setInterval(sweep, sweepIntervalMs).unref();
  const expiry = (ttlMs: number | undefined) => (ttlMs === undefined ? null : Date.now() + ttlMs);

  /** Async like Redis, so callers never come to rely on synchronous completion. */
  const op = async <R>(run: () => R): Promise<R> => {
    if (closed) throw new Error('memory store is closed');
    return run();
  };

  return {
    get: (key) => op(() => live(key)?.value ?? null),
    set: (key, value, ttlMs) =>
      op(() => {
        assertTtl(ttlMs);
        entries.set(key, { value, expiresAt: expiry(ttlMs) });
      }),
    delete: (key) =>
      op(() => {
        entries.delete(key);
      }),
    setIfAbsent: (key, value, ttlMs) =>
      op(() => {
        assertTtl(ttlMs);
        if (live(key)) return false;
        entries.set(key, { value, expiresAt: expiry(ttlMs) });
        return true;
      }),
    incrementBy: (key, by, ttlMs) =>
      op(() => {
        assertInteger(by);
        assertTtl(ttlMs);
        const entry = live(key);
        const current = entry ? Number(entry.value) : 0;
        // Same rule as Redis INCRBY: only integer strings can be incremented.
        if (entry && !/^-?\d+$/.test(entry.value)) throw new Error('value is not an integer');
        const next = current + by;
        const expiresAt = entry?.expiresAt ?? expiry(ttlMs);
        entries.set(key, { value: String(next), expiresAt });
        return next;
      }),
    publish: (channel, message) =>
      op(() => {
        // Delivered on a later turn, as over the network: never inside the publisher's call stack.
        setImmediate(() => {
          if (!closed) subscribers.dispatch(channel, message);
        });
      }),
    subscribe: (channel, handler) =>
      op(() => {
        subscribers.add(channel, handler);
        return async () => {
          subscribers.remove(channel, handler);
        };
      }),
    readiness: () => ({
      name: 'memory',
      check: () => op(() => undefined),
    }),
    close: async () => {
      closed = true;
      clearInterval(sweeper);
      entries.clear();
      subscribers.clear();
    },
  };
}
