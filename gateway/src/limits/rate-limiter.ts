/** One request-rate limit: at most `limit` requests per `windowMs`, counted under `key` (a tenant, a principal). */
export interface RateLimit {
  key: string;
  limit: number;
  /** @example 60_000 for requests per minute */
  windowMs: number;
}

export interface RateLimitCheck {
  key: string;
  allowed: boolean;
  /** Requests still allowed in the window after this one. */
  remaining: number;
  /** 0 when allowed; else the wait until one more request fits; null when none ever will (limit 0). */
  retryAfterMs: number | null;
  /** The wait until the window holds no requests at all. */
  resetAfterMs: number;
}

/** Cosmo's `extensions.rateLimit` fields, for the most constraining of the checked limits. */
export interface RateLimitResult {
  allowed: boolean;
  /** The limit of the most constraining check (Cosmo's `requestRate`). */
  requestRate: number;
  remaining: number;
  retryAfterMs: number | null;
  resetAfterMs: number;
  /** Every limit checked, in the order given. */
  checks: readonly RateLimitCheck[];
  path: 'memory' | 'redis' | 'local' | 'fail-open' | 'fail-closed';
  error?: Error;
}

export interface RateLimiter {
  /**
   * Counts one request against every limit, all or nothing: when any limit refuses, none counts it,
   * so a principal refused on its own limit does not use up its tenant's.
   */
  hit(limits: readonly RateLimit[]): Promise<RateLimitResult>;
}

export function assertRateLimit({ limit, windowMs }: RateLimit): void {
  if (!Number.isInteger(limit) || limit < 0) throw new RangeError(`limit must be a non-negative integer, got ${limit}`);
  if (!Number.isInteger(windowMs) || windowMs <= 0) throw new RangeError(`windowMs must be a positive integer, got ${windowMs}`);
}

/** Folds per-limit checks into the answer a client gets: the most constraining limit speaks. */
export function summarize(limits: readonly RateLimit[], checks: readonly RateLimitCheck[], path: RateLimitResult['path'], error?: Error): RateLimitResult {
  const allowed = checks.every((check) => check.allowed);
  let worst = 0;
  for (let i = 1; i < checks.length; i += 1) if (checks[i]!.remaining < checks[worst]!.remaining) worst = i;
  const retries = checks.filter((check) => !check.allowed).map((check) => check.retryAfterMs);
  return {
    allowed,
    requestRate: limits[worst]?.limit ?? 0,
    remaining: checks[worst]?.remaining ?? 0,
    retryAfterMs: allowed ? 0 : retries.includes(null) ? null : Math.max(...(retries as number[])),
    resetAfterMs: Math.max(0, ...checks.map((check) => check.resetAfterMs)),
    checks,
    path,
    ...(error ? { error } : {}),
  };
}
