import type { KeyValueStore } from '@academy/cache';
import { AppError, type Principal } from '@academy/service-kit';

const WINDOW_MS = 60_000;

/**
 * Who a verification counts against. Subgraphs never see the client's address (the gateway forwards
 * no client header, only its signed principal), so signed-in callers count per subject and anonymous
 * callers share one budget per tenant: an abusive client cannot exceed it, at the price of throttling
 * other anonymous visitors with it. Per-address limits belong in the gateway, which sees the address.
 */
export function verificationCallerOf(principal: Principal): string {
  const tenant = principal.tenantId ?? 'none';
  return principal.subject ? `${tenant}:${principal.authMethod}:${principal.subject}` : `${tenant}:anonymous`;
}

/** A fixed one-minute window per caller in the shared store (Redis in production, so replicas share it). */
export class VerificationRateLimiter {
  constructor(
    private readonly store: KeyValueStore,
    private readonly perMinute: number,
  ) {}

  async check(principal: Principal, now = Date.now()): Promise<void> {
    const window = Math.floor(now / WINDOW_MS);
    const used = await this.store.incrementBy(`conocer:verify:${verificationCallerOf(principal)}:${window}`, 1, WINDOW_MS);
    if (used <= this.perMinute) return;
    const resetAfterMs = (window + 1) * WINDOW_MS - now;
    throw new AppError('RATE_LIMITED', `Too many certificate verifications; retry in ${Math.ceil(resetAfterMs / 1000)} s`, {
      rateLimit: { requestRate: this.perMinute, remaining: 0, retryAfterMs: resetAfterMs, resetAfterMs },
    });
  }
}
