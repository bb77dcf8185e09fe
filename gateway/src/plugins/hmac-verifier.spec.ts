import { createMemoryStore } from '@academy/cache';
import { createLogger } from '@academy/service-kit';
import { describe, expect, it } from 'vitest';
import type { ApiKeyDirectory } from '../tenancy/api-key-directory';
import type { ApiKeyAccess } from '../tenancy/tenant-access';
import { createHmacVerifier, signRequest, stringToSign } from './hmac-verifier';

const KEY: ApiKeyAccess = {
  keyId: 'abcdefgh2345',
  tenantId: 't-1',
  name: 'lms',
  scopes: ['progress:read'],
  secretHash: '0'.repeat(64),
  signingSecret: 'c2lnbmluZy1zZWNyZXQtZm9yLXRlc3Rz',
  expiresAt: null,
  revokedAt: null,
};
const request = { method: 'post', pathWithQuery: '/t/acme/graphql?x=1', rawBody: '{"query":"{ a }"}' };
const directory = (key: ApiKeyAccess | null = KEY): ApiKeyDirectory => ({ lookup: async () => key, keyChanged: async () => {} });
const logger = createLogger({ service: 'hmac-spec', level: 'silent' });

function credential(ts = Math.floor(Date.now() / 1000), nonce = 'nonce-0001', secret = KEY.signingSecret) {
  return { kind: 'hmac' as const, keyId: KEY.keyId, ts, nonce, signature: signRequest(secret, ts, nonce, request) };
}

async function reasonOf(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    const extensions = (error as { extensions: Record<string, unknown> }).extensions;
    return extensions.reason ?? extensions.code;
  }
  throw new Error('expected a refusal');
}

describe('HMAC request signatures', () => {
  it('signs timestamp, nonce, upper-cased method, path with query and the body hash, one per line', () => {
    // sha256('{"query":"{ a }"}'), computed independently.
    expect(stringToSign(1700000000, 'n-1', request)).toBe('1700000000\nn-1\nPOST\n/t/acme/graphql?x=1\ne234f1a59cbffde1959491e6f485a5a452aa38bbee8b3f1c7b41fcfcb40ea728');
  });

  it('accepts a valid signature once', async () => {
    const verifier = createHmacVerifier({ directory: directory(), store: createMemoryStore(), logger });
    const signed = credential();
    await expect(verifier.verify(signed, request, 'r1')).resolves.toEqual(KEY);
    expect(await reasonOf(verifier.verify(signed, request, 'r2'))).toBe('nonce_replayed');
  });

  it('refuses a wrong secret, an unknown key, a changed body, and a timestamp outside the window', async () => {
    const verifier = createHmacVerifier({ directory: directory(), store: createMemoryStore(), logger, maxSkewSeconds: 300 });
    expect(await reasonOf(verifier.verify(credential(undefined, 'n-wrong', 'another-secret'), request, 'r'))).toBe('bad_signature');
    expect(await reasonOf(createHmacVerifier({ directory: directory(null), store: createMemoryStore(), logger }).verify(credential(), request, 'r'))).toBe('bad_signature');
    expect(await reasonOf(verifier.verify(credential(), { ...request, rawBody: '{}' }, 'r'))).toBe('bad_signature');
    const now = Math.floor(Date.now() / 1000);
    expect(await reasonOf(verifier.verify(credential(now - 301, 'n-old'), request, 'r'))).toBe('clock_skew');
    expect(await reasonOf(verifier.verify(credential(now + 301, 'n-new'), request, 'r'))).toBe('clock_skew');
  });

  it('does not burn a nonce on a bad signature', async () => {
    const verifier = createHmacVerifier({ directory: directory(), store: createMemoryStore(), logger });
    const ts = Math.floor(Date.now() / 1000);
    expect(await reasonOf(verifier.verify(credential(ts, 'n-shared', 'attacker-secret'), request, 'r'))).toBe('bad_signature');
    await expect(verifier.verify(credential(ts, 'n-shared'), request, 'r')).resolves.toEqual(KEY);
  });

  it('refuses revoked and expired keys, and fails closed when the nonce store is down', async () => {
    const revoked = createHmacVerifier({ directory: directory({ ...KEY, revokedAt: new Date().toISOString() }), store: createMemoryStore(), logger });
    expect(await reasonOf(revoked.verify(credential(), request, 'r'))).toBe('api_key_revoked');
    const expired = createHmacVerifier({ directory: directory({ ...KEY, expiresAt: new Date(Date.now() - 1000).toISOString() }), store: createMemoryStore(), logger });
    expect(await reasonOf(expired.verify(credential(), request, 'r'))).toBe('api_key_expired');
    const store = createMemoryStore();
    await store.close();
    expect(await reasonOf(createHmacVerifier({ directory: directory(), store, logger }).verify(credential(), request, 'r'))).toBe('AUTHENTICATION_UNAVAILABLE');
  });
});
