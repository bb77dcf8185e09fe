import { createHash, createHmac, randomBytes } from 'node:crypto';

/**
 * The key format shown once to the creator: `acad_<keyId>_<secret>`. The key id is public (it names
 * the key in logs, events and the admin UI); only the SHA-256 of the secret is stored.
 */
export const API_KEY_PREFIX = 'acad';
export const KEY_ID_PATTERN = /^[a-z2-7]{12}$/;
const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

/** 12 base32 characters (60 bits); a random byte modulo 32 is uniform, since 256 is a multiple of 32. */
export function generateKeyId(): string {
  return Array.from(randomBytes(12), (byte) => BASE32[byte & 31]).join('');
}

/** 32 random bytes, base64url (43 characters). */
export function generateSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** Lowercase hex SHA-256: the secret has 256 bits of entropy, so a fast hash is enough (no KDF needed). */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/**
 * The HMAC request-signing secret of a key, derived rather than stored: base64url(HMAC-SHA256(
 * API_KEY_SIGNING_KEY, keyId)). Rotating API_KEY_SIGNING_KEY changes every key's signing secret.
 */
export function signingSecretOf(signingKey: string, keyId: string): string {
  return createHmac('sha256', signingKey).update(keyId, 'utf8').digest('base64url');
}

export function formatApiKey(keyId: string, secret: string): string {
  return `${API_KEY_PREFIX}_${keyId}_${secret}`;
}

/** What lists show instead of the key: enough to recognise it, nothing to use it. */
export function displayPrefix(keyId: string): string {
  return `${API_KEY_PREFIX}_${keyId}_…`;
}
