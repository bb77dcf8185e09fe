import type { RawResponse } from './http-transport';
import { errorFromResponse, parseBody } from './response-errors';
import { tokenResponse } from './wire-schemas';

/** Sends the token request; the executor supplies transport, timeout and audit. */
export type TokenRequester = (attempt: number) => Promise<RawResponse>;

interface CachedToken {
  value: string;
  /** Epoch ms after which the token is refreshed rather than used. */
  refreshAt: number;
}

/**
 * One bearer token shared by every call, fetched on first use, refreshed ahead of expiry (10% of
 * its lifetime, at most a minute early) and dropped when the API answers 401. Concurrent callers
 * share one token request.
 */
export class TokenCache {
  private cached: CachedToken | undefined;
  private pending: Promise<string> | undefined;

  constructor(private readonly requestToken: TokenRequester) {}

  get(attempt: number): Promise<string> {
    if (this.cached && Date.now() < this.cached.refreshAt) return Promise.resolve(this.cached.value);
    this.pending ??= this.fetch(attempt).finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  /** After a 401: forget `token` unless a newer one already replaced it. */
  invalidate(token: string): void {
    if (this.cached?.value === token) this.cached = undefined;
  }

  private async fetch(attempt: number): Promise<string> {
    const requestedAt = Date.now();
    const response = await this.requestToken(attempt);
    if (response.status !== 200) throw errorFromResponse(response);
    const { access_token, expires_in } = parseBody(tokenResponse, response);
    const lifetimeMs = expires_in * 1000;
    // Counted from when it was requested, so a slow answer cannot make us trust a token past its end.
    this.cached = { value: access_token, refreshAt: requestedAt + lifetimeMs - Math.min(60_000, lifetimeMs / 10) };
    return access_token;
  }
}
