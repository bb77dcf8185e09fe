import { describe, expect, it } from 'vitest';
import { AuthenticationFailure } from './authentication-failure';
import { credentialOf } from './credentials';

const KEY_ID = 'abcdefgh2345';
const SECRET = `${'A'.repeat(21)}_-${'b'.repeat(20)}`;
const SIGNATURE = 'f'.repeat(64);

function reasonOf(headers: Record<string, string>): string {
  try {
    credentialOf(headers);
  } catch (error) {
    if (error instanceof AuthenticationFailure) return error.reason;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('credentialOf', () => {
  it('reads no credential as none', () => {
    expect(credentialOf({})).toEqual({ kind: 'none' });
    expect(credentialOf({ authorization: '  ' })).toEqual({ kind: 'none' });
  });

  it('tells bearer JWTs from bearer API keys, and reads X-Api-Key', () => {
    expect(credentialOf({ authorization: 'Bearer aaa.bbb.ccc' })).toEqual({ kind: 'jwt', token: 'aaa.bbb.ccc' });
    expect(credentialOf({ authorization: 'bearer aaa.bbb.ccc' })).toMatchObject({ kind: 'jwt' });
    expect(credentialOf({ authorization: `Bearer acad_${KEY_ID}_${SECRET}` })).toEqual({ kind: 'api_key', keyId: KEY_ID, secret: SECRET });
    expect(credentialOf({ 'x-api-key': `acad_${KEY_ID}_${SECRET}` })).toEqual({ kind: 'api_key', keyId: KEY_ID, secret: SECRET });
  });

  it('parses ACAD-HMAC-SHA256 fields, with or without spaces after commas', () => {
    const header = `ACAD-HMAC-SHA256 keyId=${KEY_ID}, ts=1700000000, nonce=abc_DEF-123, signature=${SIGNATURE}`;
    expect(credentialOf({ authorization: header })).toEqual({ kind: 'hmac', keyId: KEY_ID, ts: 1700000000, nonce: 'abc_DEF-123', signature: SIGNATURE });
  });

  it('refuses malformed and conflicting credentials instead of ignoring them', () => {
    expect(reasonOf({ authorization: 'Basic dXNlcjpwYXNz' })).toBe('unsupported_scheme');
    expect(reasonOf({ authorization: 'Bearer' })).toBe('malformed_token');
    expect(reasonOf({ authorization: 'Bearer not a token' })).toBe('malformed_token');
    expect(reasonOf({ 'x-api-key': 'acad_short_key' })).toBe('invalid_api_key');
    expect(reasonOf({ 'x-api-key': `acad_ABCDEFGH2345_${SECRET}` })).toBe('invalid_api_key');
    expect(reasonOf({ authorization: `ACAD-HMAC-SHA256 keyId=${KEY_ID},ts=1,nonce=short,signature=${SIGNATURE}` })).toBe('malformed_credentials');
    expect(reasonOf({ authorization: `ACAD-HMAC-SHA256 keyId=${KEY_ID},ts=1,nonce=longenough,signature=${SIGNATURE.toUpperCase()}` })).toBe('malformed_credentials');
    expect(reasonOf({ authorization: 'Bearer a.b.c', 'x-api-key': `acad_${KEY_ID}_${SECRET}` })).toBe('multiple_credentials');
  });
});
