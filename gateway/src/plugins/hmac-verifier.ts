import { createHash, createHmac } from 'node:crypto';
import type { KeyValueStore } from '@academy/cache';
import { AppError, type Logger } from '@academy/service-kit';
import type { ApiKeyDirectory } from '../tenancy/api-key-directory';
import type { ApiKeyAccess } from '../tenancy/tenant-access';
import { checkKeyUsable, sameDigest } from './api-key-verifier';
import { AuthenticationFailure } from './authentication-failure';
import type { Credential } from './credentials';

export interface HmacVerifierOptions {
  directory: ApiKeyDirectory;
  /** Remembers used nonces; Redis when configured, so a replay to another replica is caught too. */
  store: KeyValueStore;
  /** @default 300 */
  maxSkewSeconds?: number;
  /** @default 600 */
  nonceTtlSeconds?: number;
  logger: Logger;
}

export interface SignedRequest {
  method: string;
  /** Path with query string, exactly as sent (`req.url`). */
  pathWithQuery: string;
  rawBody: string;
}

export interface HmacVerifier {
  verify(credential: Extract<Credential, { kind: 'hmac' }>, request: SignedRequest, requestId: string): Promise<ApiKeyAccess>;
}

/** `${ts}\n${nonce}\n${METHOD}\n${path with query}\n${sha256 hex of the raw body}`, the string clients sign. */
export function stringToSign(ts: number | string, nonce: string, request: SignedRequest): string {
  const bodyHash = createHash('sha256').update(request.rawBody, 'utf8').digest('hex');
  return `${ts}\n${nonce}\n${request.method.toUpperCase()}\n${request.pathWithQuery}\n${bodyHash}`;
}

/** Lowercase hex HMAC-SHA256 with the key's signing secret (its base64url text, used as written). */
export function signRequest(signingSecret: string, ts: number | string, nonce: string, request: SignedRequest): string {
  return createHmac('sha256', signingSecret).update(stringToSign(ts, nonce, request)).digest('hex');
}

/**
 * ACAD-HMAC-SHA256 request signatures: the timestamp is checked first (cheap), the signature
 * next, and only a valid signature consumes its nonce, so nobody can burn another client's nonces.
 */
export function createHmacVerifier({ directory, store, maxSkewSeconds = 300, nonceTtlSeconds = 600, logger }: HmacVerifierOptions): HmacVerifier {
  return {
    async verify({ keyId, ts, nonce, signature }, request, requestId) {
      const skew = Math.abs(Date.now() / 1000 - ts);
      if (skew > maxSkewSeconds) {
        throw new AuthenticationFailure('clock_skew', `The signature's timestamp is ${Math.round(skew)} s away from the server's clock (at most ${maxSkewSeconds} s)`);
      }
      const key = await directory.lookup(keyId, requestId);
      if (!key || !sameDigest(signRequest(key.signingSecret, ts, nonce, request), signature)) {
        throw new AuthenticationFailure('bad_signature', 'The request signature is not valid');
      }
      checkKeyUsable(key);
      let fresh: boolean;
      try {
        fresh = await store.setIfAbsent(`gateway:hmac-nonce:${keyId}:${nonce}`, '1', nonceTtlSeconds * 1000);
      } catch (error) {
        // Without the nonce store a replay cannot be told apart, so the request is refused, not waved through.
        logger.error({ err: error, requestId }, 'the nonce store failed; refusing the signed request');
        throw new AppError('AUTHENTICATION_UNAVAILABLE', 'Signed requests cannot be checked right now; retry shortly');
      }
      if (!fresh) throw new AuthenticationFailure('nonce_replayed', 'This nonce was already used; sign every request with a new one');
      return key;
    },
  };
}
