import { createHash, timingSafeEqual } from 'node:crypto';
import type { ApiKeyDirectory } from '../tenancy/api-key-directory';
import type { ApiKeyAccess } from '../tenancy/tenant-access';
import { AuthenticationFailure } from './authentication-failure';

export interface ApiKeyVerifier {
  /** The key's record when `secret` is its secret and it is neither revoked nor expired. */
  verify(keyId: string, secret: string, requestId: string): Promise<ApiKeyAccess>;
}

/** Equal lowercase-hex digests, compared without an early exit. */
export function sameDigest(hexA: string, hexB: string): boolean {
  const a = Buffer.from(hexA, 'hex');
  const b = Buffer.from(hexB, 'hex');
  return a.length === 32 && b.length === 32 && timingSafeEqual(a, b);
}

/**
 * A revoked or expired key is only reported as such to a caller that proved it holds the secret;
 * anyone else learns only that the key is invalid.
 */
export function checkKeyUsable(key: ApiKeyAccess, now = Date.now()): void {
  if (key.revokedAt !== null) throw new AuthenticationFailure('api_key_revoked', 'The API key has been revoked');
  if (key.expiresAt !== null && Date.parse(key.expiresAt) <= now) throw new AuthenticationFailure('api_key_expired', 'The API key has expired');
}

export function createApiKeyVerifier(directory: ApiKeyDirectory): ApiKeyVerifier {
  return {
    async verify(keyId, secret, requestId) {
      const key = await directory.lookup(keyId, requestId);
      const hash = createHash('sha256').update(secret, 'utf8').digest('hex');
      // Hash even for an unknown key, so the answer takes about as long either way.
      if (!key || !sameDigest(hash, key.secretHash.toLowerCase())) throw new AuthenticationFailure('invalid_api_key', 'The API key is not valid');
      checkKeyUsable(key);
      return key;
    },
  };
}
