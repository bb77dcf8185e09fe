/** First retry waits about this long; each further one doubles it. */
const BASE_DELAY_MS = 250;
const MAX_BACKOFF_MS = 8_000;

/**
 * How long to wait before attempt `attempt + 1`. Without Retry-After: exponential with "equal
 * jitter" (half fixed, half random), so retries of many clients spread out but never shrink to 0.
 * With Retry-After: at least what the server asked, plus up to 10% so throttled clients do not
 * all return in the same instant.
 */
export function retryDelayMs(attempt: number, retryAfterMs: number | null, random: () => number = Math.random): number {
  if (retryAfterMs !== null) return retryAfterMs + Math.floor(random() * Math.min(1000, retryAfterMs * 0.1));
  const ceiling = Math.min(MAX_BACKOFF_MS, BASE_DELAY_MS * 2 ** (attempt - 1));
  return Math.floor(ceiling / 2 + random() * (ceiling / 2));
}

/** RFC 9110 §10.2.3: delay-seconds or an HTTP-date; null when absent or unreadable. */
export function parseRetryAfter(header: string | undefined, now = Date.now()): number | null {
  if (header === undefined || header.trim() === '') return null;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}
