import type { ContextTokenSigner, Principal } from '@academy/service-kit';
import { describe, expect, it } from 'vitest';
import { anonymousPrincipal } from './context';
import { perRequestSigner } from './request-token-cache';

function counting(): ContextTokenSigner & { calls: number } {
  const signer = {
    calls: 0,
    sign: async (principal: Principal, audience: string) => {
      signer.calls++;
      return `${principal.requestId}/${audience}/${signer.calls}`;
    },
  };
  return signer;
}

describe('perRequestSigner', () => {
  it('signs once per request and subgraph', async () => {
    const inner = counting();
    const signer = perRequestSigner(inner);
    const first = anonymousPrincipal('r-1');
    expect(await signer.sign(first, 'users')).toBe(await signer.sign(first, 'users'));
    expect(await signer.sign(first, 'reviews')).not.toBe(await signer.sign(first, 'users'));
    // Another request, even with an equal principal, gets its own token.
    expect(await signer.sign(anonymousPrincipal('r-1'), 'users')).not.toBe(await signer.sign(first, 'users'));
    expect(inner.calls).toBe(3);
  });

  it('stops reusing a token after the reuse window, and never reuses a failure', async () => {
    const inner = counting();
    const signer = perRequestSigner(inner, 10);
    const principal = anonymousPrincipal('r-2');
    await signer.sign(principal, 'users');
    await new Promise((resolve) => setTimeout(resolve, 20));
    await signer.sign(principal, 'users');
    expect(inner.calls).toBe(2);
    let fail = true;
    const flaky = perRequestSigner({ sign: async () => (fail ? Promise.reject(new Error('hsm down')) : 'ok') });
    await expect(flaky.sign(principal, 'users')).rejects.toThrow('hsm down');
    fail = false;
    await expect(flaky.sign(principal, 'users')).resolves.toBe('ok');
  });
});
