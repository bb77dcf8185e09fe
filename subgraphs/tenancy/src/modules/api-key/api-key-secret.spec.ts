import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { displayPrefix, formatApiKey, generateKeyId, generateSecret, hashSecret, KEY_ID_PATTERN, signingSecretOf } from './api-key-secret';

describe('API key secrets', () => {
  it('makes key ids of 12 base32 characters, different each time', () => {
    const ids = Array.from({ length: 500 }, generateKeyId);
    for (const id of ids) expect(id).toMatch(KEY_ID_PATTERN);
    expect(new Set(ids).size).toBe(ids.length);
    // Every base32 character turns up: the alphabet mapping has no hole.
    expect(new Set(ids.join('')).size).toBe(32);
  });

  it('makes 32-byte base64url secrets and hashes them as lowercase hex SHA-256', () => {
    const secret = generateSecret();
    expect(Buffer.from(secret, 'base64url')).toHaveLength(32);
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(hashSecret(secret)).toBe(createHash('sha256').update(secret).digest('hex'));
    expect(hashSecret('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('derives the signing secret from the service key and the key id only', () => {
    const expected = createHmac('sha256', 'k'.repeat(32)).update('abcdefgh2345').digest('base64url');
    expect(signingSecretOf('k'.repeat(32), 'abcdefgh2345')).toBe(expected);
    expect(signingSecretOf('k'.repeat(32), 'abcdefgh2346')).not.toBe(expected);
    expect(signingSecretOf('j'.repeat(32), 'abcdefgh2345')).not.toBe(expected);
  });

  it('formats the full key and a display prefix that holds no secret', () => {
    expect(formatApiKey('abcdefgh2345', 'S3cr-t_')).toBe('acad_abcdefgh2345_S3cr-t_');
    expect(displayPrefix('abcdefgh2345')).toBe('acad_abcdefgh2345_…');
  });
});
