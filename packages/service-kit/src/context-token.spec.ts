import { decodeProtectedHeader } from 'jose';
import { describe, expect, it } from 'vitest';
import {
  contextAudienceKey,
  createContextTokenMacSigner,
  createContextTokenSigner,
  createContextTokenVerifier,
  exportContextKeyPair,
  generateContextKeyPair,
  importContextKeyPair,
  type Principal,
} from './context-token';

const principal: Principal = { tenantId: 't-1', plan: 'PRO', subject: 'ana', roles: ['learner'], scopes: ['progress:read'], authMethod: 'jwt', requestId: 'r-1', flags: ['beta'] };

describe('context token', () => {
  it('round-trips through the subgraphs\' verifier, for generated and imported keys, for its audience only', async () => {
    const generated = await generateContextKeyPair('k-1');
    const pems = await exportContextKeyPair(generated);
    for (const pair of [generated, await importContextKeyPair(pems.privatePem, pems.publicPem, 'k-1')]) {
      const token = await createContextTokenSigner(pair).sign(principal, 'conocer');
      expect(decodeProtectedHeader(token)).toEqual({ alg: 'ES256', kid: 'k-1', typ: 'academy-ctx+jwt' });
      await expect((await createContextTokenVerifier({ publicKey: pair.publicKey }, 'conocer')).verify(token)).resolves.toEqual(principal);
      await expect((await createContextTokenVerifier({ publicKey: pair.publicKey }, 'tenancy')).verify(token)).rejects.toThrow();
    }
  });

  it('is refused when signed by another key or expired', async () => {
    const pair = await generateContextKeyPair();
    const verifier = await createContextTokenVerifier({ publicKey: pair.publicKey }, 'conocer');
    await expect(verifier.verify(await createContextTokenSigner(await generateContextKeyPair()).sign(principal, 'conocer'))).rejects.toThrow();
    // 10 s beyond the verifier's 5 s clock tolerance.
    await expect(verifier.verify(await createContextTokenSigner(pair, -10).sign(principal, 'conocer'))).rejects.toThrow();
  });

  it('keeps anonymous principals anonymous', async () => {
    const pair = await generateContextKeyPair();
    const token = await createContextTokenSigner(pair).sign({ ...principal, subject: null, authMethod: 'anonymous' }, 'users');
    await expect((await createContextTokenVerifier({ publicKey: pair.publicKey }, 'users')).verify(token)).resolves.toMatchObject({ subject: null, authMethod: 'anonymous' });
  });

  describe('with a shared secret (HS256, a key per subgraph)', () => {
    const secret = 'gateway-context-secret-0123456789abcdef';
    const verifierFor = (audience: string, key = contextAudienceKey(secret, audience)) => createContextTokenVerifier({ audienceKey: key }, audience);

    it("round-trips through the subgraph's own key, and no other subgraph's", async () => {
      const token = await createContextTokenMacSigner(secret).sign(principal, 'conocer');
      expect(decodeProtectedHeader(token)).toEqual({ alg: 'HS256', typ: 'academy-ctx+jwt' });
      await expect((await verifierFor('conocer')).verify(token)).resolves.toEqual(principal);
      // tenancy's key, and conocer's key used by tenancy: both refuse (another audience).
      await expect((await verifierFor('tenancy')).verify(token)).rejects.toThrow();
      await expect((await verifierFor('tenancy', contextAudienceKey(secret, 'conocer'))).verify(token)).rejects.toThrow();
    });

    it('derives a different key per subgraph and per secret, none of them the secret', () => {
      const conocer = contextAudienceKey(secret, 'conocer');
      expect(conocer).toHaveLength(32);
      expect(conocer.equals(contextAudienceKey(secret, 'tenancy'))).toBe(false);
      expect(conocer.equals(contextAudienceKey(`${secret}x`, 'conocer'))).toBe(false);
      expect(conocer.equals(Buffer.from(secret).subarray(0, 32))).toBe(false);
    });

    it('is refused when signed with another secret, when expired, or when the algorithm does not match the key', async () => {
      const verifier = await verifierFor('conocer');
      await expect(verifier.verify(await createContextTokenMacSigner(`${secret}-other`).sign(principal, 'conocer'))).rejects.toThrow();
      await expect(verifier.verify(await createContextTokenMacSigner(secret, -10).sign(principal, 'conocer'))).rejects.toThrow();
      const pair = await generateContextKeyPair();
      await expect(verifier.verify(await createContextTokenSigner(pair).sign(principal, 'conocer'))).rejects.toThrow();
      await expect((await createContextTokenVerifier({ publicKey: pair.publicKey }, 'conocer')).verify(await createContextTokenMacSigner(secret).sign(principal, 'conocer'))).rejects.toThrow();
    });

    it('refuses a secret shorter than an HMAC-SHA256 key', () => {
      expect(() => createContextTokenMacSigner('too-short')).toThrow(/at least 32 bytes/);
    });
  });
});
