import { type KeyValueStore, withDeadline } from '@academy/cache';

/** What a cache entry holds: the result's data only (per-request extensions such as `cost` are not kept). */
export interface CachedResponse {
  data: Record<string, unknown>;
  /** The types the operation can return, for invalidation. */
  tags: string[];
  /** Epoch ms when the request that stored it started (invalidations after that make it stale). */
  storedAt: number;
  maxAge: number;
  scope: 'PUBLIC' | 'PRIVATE';
}

/**
 * The store behind the cache, bounded by a deadline: a slow or unreachable Redis makes the cache step
 * aside (the caller counts it) instead of holding up the request.
 */
export function createResponseStore(store: KeyValueStore, timeoutMs: number) {
  const bounded = <T>(work: Promise<T>) => withDeadline(work, timeoutMs, `response cache store did not answer within ${timeoutMs} ms`);
  return {
    async get(key: string): Promise<CachedResponse | null> {
      const text = await bounded(store.get(key));
      return text === null ? null : (JSON.parse(text) as CachedResponse);
    },
    async set(key: string, entry: CachedResponse): Promise<void> {
      await bounded(store.set(key, JSON.stringify(entry), entry.maxAge * 1000));
    },
  };
}

export type ResponseStore = ReturnType<typeof createResponseStore>;
