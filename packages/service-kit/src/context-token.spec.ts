import { decodeProtectedHeader } from 'jose';
import { describe, expect, it } from 'vitest';
import {
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
});
