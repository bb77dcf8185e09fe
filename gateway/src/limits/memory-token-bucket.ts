import { assertLimits, assertPoints, type BucketLimits, retryAfterMs, type TokenBucket } from './token-bucket';

export interface MemoryTokenBucketOptions {
  /** Epoch milliseconds; injectable so tests can step time exactly. @default Date.now */
  now?: () => number;
  /** Buckets kept; past it the least recently used is dropped (it then reads as full). @default 100000 */
  maxKeys?: number;
}

interface BucketState {
  tokens: number;
  updatedAtMs: number;
}

/**
 * The bucket's arithmetic, shared with the Lua script (keep them in step): points restore
 * continuously from the last update, capped at capacity, and a clock that steps back restores nothing.
 */
export function restoredTokens(state: BucketState | undefined, { capacity, restoreRate }: BucketLimits, now: number): BucketState {
  if (!state) return { tokens: capacity, updatedAtMs: now };
  if (now <= state.updatedAtMs) return { tokens: Math.min(capacity, state.tokens), updatedAtMs: state.updatedAtMs };
  return { tokens: Math.min(capacity, state.tokens + ((now - state.updatedAtMs) * restoreRate) / 1000), updatedAtMs: now };
}

export interface MemoryTokenBucket extends TokenBucket {
  /** Records that the bucket holds `tokens` now (capped at capacity), e.g. what a shared bucket last reported. */
  assume(key: string, tokens: number, limits: BucketLimits): void;
}

/** Per process: right for one replica, tests, and the fallback when Redis is unreachable. */
export function createMemoryTokenBucket({ now = Date.now, maxKeys = 100_000 }: MemoryTokenBucketOptions = {}): MemoryTokenBucket {
  const buckets = new Map<string, BucketState>();
  const store = (key: string, state: BucketState) => {
    // Re-inserting keeps Map order = recency, so the first key is the one to drop.
    buckets.delete(key);
    buckets.set(key, state);
    if (buckets.size > maxKeys) buckets.delete(buckets.keys().next().value as string);
  };

  return {
    async take(key, cost, limits) {
      assertLimits(limits);
      assertPoints(cost);
      const state = restoredTokens(buckets.get(key), limits, now());
      const allowed = state.tokens >= cost;
      if (allowed) state.tokens -= cost;
      store(key, state);
      return { allowed, available: state.tokens, retryAfterMs: retryAfterMs(state.tokens, allowed ? 0 : cost, limits), path: 'memory' };
    },
    async refund(key, points, limits) {
      assertLimits(limits);
      assertPoints(points);
      const state = restoredTokens(buckets.get(key), limits, now());
      state.tokens = Math.min(limits.capacity, state.tokens + points);
      store(key, state);
      return { available: state.tokens, path: 'memory' };
    },
    assume(key, tokens, limits) {
      store(key, { tokens: Math.min(limits.capacity, Math.max(0, tokens)), updatedAtMs: now() });
    },
  };
}
