import type { Logger } from '@academy/service-kit';
import type { KeyValueStore } from './key-value-store';

export interface CacheOptions {
  /** Keeps keys of different caches on one store apart: keys become `<namespace>:<key>`. */
  namespace: string;
  /** How long a loaded value is served before it is loaded again. */
  ttlMs: number;
  /** Told when the store fails; the cache then falls back to `load`. @default undefined */
  logger?: Logger;
}

export interface ReadThroughCache<T> {
  /** The cached value, or `load()`'s result (cached for `ttlMs`); concurrent misses share one load. */
  get(key: string, load: () => Promise<T>): Promise<T>;
  invalidate(key: string): Promise<void>;
}

/**
 * A cache is an optimisation, so a failing store never fails a read: it is logged and the value is
 * loaded from the source. Values are stored as JSON, so T must survive JSON (no Dates, Maps, …).
 * `undefined` is never cached, since JSON cannot represent it.
 */
export function createCache<T>(store: KeyValueStore, { namespace, ttlMs, logger }: CacheOptions): ReadThroughCache<T> {
  const inFlight = new Map<string, Promise<T>>();
  const keyOf = (key: string) => `${namespace}:${key}`;

  const readStored = async (storeKey: string): Promise<string | null> => {
    try {
      return await store.get(storeKey);
    } catch (error) {
      logger?.warn({ err: error, key: storeKey }, 'cache read failed; loading from source');
      return null;
    }
  };

  const loadAndStore = async (storeKey: string, load: () => Promise<T>, self: () => Promise<T> | undefined): Promise<T> => {
    const cached = await readStored(storeKey);
    if (cached !== null) return JSON.parse(cached) as T;
    const value = await load();
    // Skip the write if invalidate() ran meanwhile: this value may predate the change it announced.
    if (value !== undefined && inFlight.get(storeKey) === self()) {
      await store.set(storeKey, JSON.stringify(value), ttlMs).catch((error: unknown) => {
        logger?.warn({ err: error, key: storeKey }, 'cache write failed');
      });
    }
    return value;
  };

  return {
    get: (key, load) => {
      const storeKey = keyOf(key);
      const pending = inFlight.get(storeKey);
      if (pending) return pending;
      const loading: Promise<T> = loadAndStore(storeKey, load, () => loading).finally(() => {
        if (inFlight.get(storeKey) === loading) inFlight.delete(storeKey);
      });
      inFlight.set(storeKey, loading);
      return loading;
    },
    invalidate: async (key) => {
      const storeKey = keyOf(key);
      inFlight.delete(storeKey);
      await store.delete(storeKey);
    },
  };
}
