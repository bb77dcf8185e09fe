import { createCache, type KeyValueStore, type ReadThroughCache } from '@academy/cache';
import type { Logger } from '@academy/service-kit';

/** Catalog answers are served from the shared store for a day; a sync invalidates them at once (see `standard.cache-invalidation.ts`). */
export const CATALOG_CACHE_TTL_MS = 24 * 3600 * 1000;
const NAMESPACE = 'conocer:catalog';
/** Bumped to invalidate: every key embeds it, so a bump orphans all of them at once (they expire within the TTL). */
const VERSION_KEY = `${NAMESPACE}:version`;

/**
 * Read-through cache of catalog answers (pages, sectors, standards by code) on Redis, or in memory
 * without it. A store failure never fails a read: the answer is loaded from the database.
 */
export class CatalogCache {
  private readonly cache: ReadThroughCache<unknown>;

  constructor(
    private readonly store: KeyValueStore,
    private readonly logger: Logger,
  ) {
    this.cache = createCache(store, { namespace: NAMESPACE, ttlMs: CATALOG_CACHE_TTL_MS, logger });
  }

  async get<T>(key: string, load: () => Promise<T>): Promise<T> {
    const version = await this.version();
    if (version === null) return load();
    return this.cache.get(`${version}:${key}`, load) as Promise<T>;
  }

  /** Many keys, the misses loaded together (one query for a DataLoader batch). */
  async getMany<T>(keys: readonly string[], loadMissing: (missing: string[]) => Promise<Map<string, T>>): Promise<(T | null)[]> {
    const version = await this.version();
    if (version === null) {
      const loaded = await loadMissing([...keys]);
      return keys.map((key) => loaded.get(key) ?? null);
    }
    const storeKey = (key: string) => `${NAMESPACE}:${version}:${key}`;
    const cached = await Promise.all(keys.map((key) => this.store.get(storeKey(key)).catch(() => null)));
    const missing = keys.filter((_, i) => cached[i] === null);
    const loaded = missing.length ? await loadMissing(missing) : new Map<string, T>();
    await Promise.all(
      missing.map((key) =>
        this.store.set(storeKey(key), JSON.stringify(loaded.get(key) ?? null), CATALOG_CACHE_TTL_MS).catch((error: unknown) => {
          this.logger.warn({ err: error }, 'catalog cache write failed');
        }),
      ),
    );
    return keys.map((key, i) => (cached[i] !== null ? (JSON.parse(cached[i]!) as T | null) : (loaded.get(key) ?? null)));
  }

  async invalidate(): Promise<void> {
    await this.store.incrementBy(VERSION_KEY, 1);
  }

  /** null when the store does not answer: then the cache is bypassed rather than risk serving an old version. */
  private async version(): Promise<string | null> {
    try {
      return (await this.store.get(VERSION_KEY)) ?? '0';
    } catch (error) {
      this.logger.warn({ err: error }, 'catalog cache version unreadable; reading the database');
      return null;
    }
  }
}
