import { randomBytes, timingSafeEqual } from 'node:crypto';

export interface IssuedToken {
  accessToken: string;
  expiresInSeconds: number;
}

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** Opaque bearer tokens for one OAuth2 client (client-credentials grant), kept in memory until they expire. */
export class TokenIssuer {
  private readonly expiries = new Map<string, number>();

  constructor(
    private readonly clientId: string,
    private readonly clientSecret: string,
    /** Changeable at run time (admin settings), so tests can make tokens expire quickly. */
    public ttlSeconds: number,
  ) {}

  issue(clientId: string, clientSecret: string): IssuedToken | null {
    if (!sameSecret(clientId, this.clientId) || !sameSecret(clientSecret, this.clientSecret)) return null;
    this.prune();
    const accessToken = randomBytes(32).toString('base64url');
    this.expiries.set(accessToken, Date.now() + this.ttlSeconds * 1000);
    return { accessToken, expiresInSeconds: this.ttlSeconds };
  }

  /** 'valid', or why not: a client tells an expired token from a forged one in the WWW-Authenticate header. */
  check(accessToken: string): 'valid' | 'expired' | 'unknown' {
    const expiresAt = this.expiries.get(accessToken);
    if (expiresAt === undefined) return 'unknown';
    return expiresAt > Date.now() ? 'valid' : 'expired';
  }

  /** Ends every issued token now (drills and tests of token refresh). */
  expireAll(): number {
    const now = Date.now();
    for (const token of this.expiries.keys()) this.expiries.set(token, now);
    return this.expiries.size;
  }

  private prune(): void {
    // Expired tokens are kept for a minute, so their callers are told "expired" rather than "unknown".
    const horizon = Date.now() - 60_000;
    for (const [token, expiresAt] of this.expiries) if (expiresAt < horizon) this.expiries.delete(token);
  }
}
