import type { KeyValueStore } from '@academy/cache';
import type { Logger } from '@academy/service-kit';

export interface TieredCacheOptions<T> {
  /** Store keys become `<namespace>:<key>`. */
  namespace: string;
  /** How long a found value is served. */
  ttlMs: number;
  /** How long "not found" (null) is served; short, so a new record is seen soon. */
  negativeTtlMs: number;
  /** Shared by replicas (Redis); null keeps the cache in this process only (e.g. values holding secrets). */
  store: KeyValueStore | null;
  logger: Logger;
  /** Memory entries kept; the oldest go first. @default 10_000 */
  maxEntries?: number;
  /** A value read from the store that an event has since outdated (e.g. its plan changed) counts as a miss. */
  isStale?: (value: T, cachedAt: number) => Promise<boolean>;
}

export interface TieredCache<T> {
  /** Memory, then the store, then `load`; concurrent misses of one key share one load. */
  get(key: string, load: () => Promise<T | null>): Promise<T | null>;
  /** Drops the keys from memory and the store; loads running meanwhile are not cached. */
  invalidate(keys: Iterable<string>): Promise<void>;
  /** What memory holds, for invalidations that select by value (every tenant of a plan). */
  memoryEntries(): [string, T | null][];
  /** The store's entry, bypassing memory (to learn what an invalidation must also remove). */
  peekStore(key: string): Promise<T | null | undefined>;
}

interface Entry<T> {
  value: T | null;
  expiresAt: number;
}

interface Stored<T> {
  v: T | null;
  /** Epoch ms when loaded from the source. */
  at: number;
}

/**
 * A memory cache in front of an optional shared store. Memory serves the hot path without a network
 * round trip; the store lets replicas share lookups (and lets the first replica to see a change
 * delete it for all). An entry is never served past `ttlMs` after it was loaded from the source.
 */
export function createTieredCache<T>({ namespace, ttlMs, negativeTtlMs, store, logger, maxEntries = 10_000, isStale }: TieredCacheOptions<T>): TieredCache<T> {
  const memory = new Map<string, Entry<T>>();
  const inFlight = new Map<string, Promise<T | null>>();
  // Any invalidation bumps this; a load that started before it may hold outdated data and is not cached.
  let generation = 0;
  const storeKey = (key: string) => `${namespace}:${key}`;
  const lifetime = (value: T | null) => (value === null ? negativeTtlMs : ttlMs);

  const remember = (key: string, value: T | null, loadedAt: number) => {
    memory.delete(key);
    memory.set(key, { value, expiresAt: loadedAt + lifetime(value) });
    if (memory.size > maxEntries) memory.delete(memory.keys().next().value as string);
  };

  const readStore = async (key: string): Promise<Stored<T> | undefined> => {
    if (!store) return undefined;
    try {
      const raw = await store.get(storeKey(key));
      return raw === null ? undefined : (JSON.parse(raw) as Stored<T>);
    } catch (error) {
      logger.warn({ err: error, key }, 'shared cache read failed; asking the source');
      return undefined;
    }
  };

  const fill = async (key: string, load: () => Promise<T | null>): Promise<T | null> => {
    const started = generation;
    const stored = await readStore(key);
    if (stored && stored.at + lifetime(stored.v) > Date.now() && !(stored.v !== null && (await isStale?.(stored.v, stored.at)))) {
      if (generation === started) remember(key, stored.v, stored.at);
      return stored.v;
    }
    const loadedAt = Date.now();
    const value = await load();
    if (generation !== started) return value;
    remember(key, value, loadedAt);
    if (store) {
      const entry: Stored<T> = { v: value, at: loadedAt };
      await store.set(storeKey(key), JSON.stringify(entry), lifetime(value)).catch((error: unknown) => logger.warn({ err: error, key }, 'shared cache write failed'));
    }
    return value;
  };

  return {
    async get(key, load) {
      const hit = memory.get(key);
      if (hit && hit.expiresAt > Date.now()) return hit.value;
      const pending = inFlight.get(key);
      if (pending) return pending;
      const loading = fill(key, load).finally(() => {
        if (inFlight.get(key) === loading) inFlight.delete(key);
      });
      inFlight.set(key, loading);
      return loading;
    },
    async invalidate(keys) {
      generation++;
      const all = [...keys];
      for (const key of all) {
        memory.delete(key);
        inFlight.delete(key);
      }
      if (!store) return;
      await Promise.all(all.map((key) => store.delete(storeKey(key)))).catch((error: unknown) => logger.warn({ err: error, keys: all }, 'shared cache invalidation failed'));
    },
    memoryEntries: () => [...memory].map(([key, entry]) => [key, entry.value]),
    async peekStore(key) {
      return (await readStore(key))?.v;
    },
  };
}
