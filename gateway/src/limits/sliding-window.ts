import type { RateLimitCheck } from './rate-limiter';

/** A sliding-window counter: this window's count and the previous window's, under the window's index. */
export interface WindowState {
  window: number;
  current: number;
  previous: number;
}

/**
 * The sliding-window counter (as in Cloudflare's and Cosmo's limiters): the previous window's count
 * weighs by how much of it still overlaps the last `windowMs`, so there is no double burst at window
 * edges and the state is three numbers. Shared with the Lua script in redis-rate-limiter.ts: keep
 * them in step. Returns the check and the state to store if the request is counted.
 */
export function slidingWindow(stored: WindowState | undefined, limit: number, windowMs: number, now: number): { check: Omit<RateLimitCheck, 'key'>; next: WindowState } {
  let index = Math.floor(now / windowMs);
  let current = 0;
  let previous = 0;
  if (stored) {
    // A clock that steps back stays in the stored window rather than resurrecting an old one.
    if (index < stored.window) index = stored.window;
    if (index === stored.window) [current, previous] = [stored.current, stored.previous];
    else if (index === stored.window + 1) previous = stored.current;
  }
  const elapsed = Math.min(windowMs, Math.max(0, now - index * windowMs));
  const estimate = previous * (1 - elapsed / windowMs) + current;
  const allowed = estimate + 1 <= limit;
  const remaining = Math.max(0, Math.floor(limit - estimate - (allowed ? 1 : 0)));
  let retryAfterMs: number | null = 0;
  if (!allowed) {
    if (limit < 1) retryAfterMs = null;
    // Room in this window: wait until the previous window's share has faded enough.
    else if (current + 1 <= limit) retryAfterMs = Math.ceil(windowMs * (1 - (limit - 1 - current) / previous) - elapsed);
    // This window is full: wait for the next one, then until this window's count, now the previous, has faded enough.
    else retryAfterMs = windowMs - elapsed + Math.max(0, Math.ceil(windowMs * (1 - (limit - 1) / current)));
  }
  const counted = current + (allowed ? 1 : 0);
  const resetAfterMs = counted > 0 ? 2 * windowMs - elapsed : previous > 0 ? windowMs - elapsed : 0;
  return { check: { allowed, remaining, retryAfterMs, resetAfterMs }, next: { window: index, current: counted, previous } };
}
