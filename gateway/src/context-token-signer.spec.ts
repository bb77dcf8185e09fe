import { createContextTokenSigner, createContextTokenVerifier, exportContextKeyPair, generateContextKeyPair, importContextKeyPair, type Principal } from '@academy/service-kit';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { describe, expect, it } from 'vitest';
import { createSyncContextTokenSigner } from './context-token-signer';

const principal: Principal = { tenantId: 't-1', plan: 'PRO', subject: 'ana', roles: ['learner'], scopes: ['progress:read'], authMethod: 'jwt', requestId: 'r-1', flags: ['beta'] };

describe('createSyncContextTokenSigner', () => {
  it('signs what the service kit signs, verifiable by the subgraphs’ verifier', async () => {
    const generated = await generateContextKeyPair('k-1');
    const pems = await exportContextKeyPair(generated);
    for (const pair of [generated, await importContextKeyPair(pems.privatePem, pems.publicPem, 'k-1')]) {
      const fast = await createSyncContextTokenSigner(pair).sign(principal, 'conocer');
      const reference = await createContextTokenSigner(pair).sign(principal, 'conocer');
      expect(decodeProtectedHeader(fast)).toEqual(decodeProtectedHeader(reference));
      const { iat: _a, exp: expA, ...fastClaims } = decodeJwt(fast);
      const { iat: _b, exp: expB, ...referenceClaims } = decodeJwt(reference);
      expect(fastClaims).toEqual(referenceClaims);
      expect(Math.abs(expA! - expB!)).toBeLessThanOrEqual(1);
      await expect((await createContextTokenVerifier({ publicKey: pair.publicKey }, 'conocer')).verify(fast)).resolves.toEqual(principal);
      await expect((await createContextTokenVerifier({ publicKey: pair.publicKey }, 'tenancy')).verify(fast)).rejects.toThrow();
    }
  });

  it('keeps anonymous principals anonymous', async () => {
    const pair = await generateContextKeyPair();
    const token = await createSyncContextTokenSigner(pair).sign({ ...principal, subject: null, authMethod: 'anonymous' }, 'users');
    await expect((await createContextTokenVerifier({ publicKey: pair.publicKey }, 'users')).verify(token)).resolves.toMatchObject({ subject: null, authMethod: 'anonymous' });
  });
});
