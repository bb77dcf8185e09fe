import type { ContextTokenSigner, Principal } from '@academy/service-kit';

/**
 * One context token per subgraph per client request: a query plan that calls a subgraph several
 * times (`_entities` fetches) reuses the token signed for its first call, since the principal, the
 * audience and the request id are the same. Keyed by the principal object, so the tokens go when
 * the request does.
 */
export function perRequestSigner(signer: ContextTokenSigner, reuseForMs = 30_000): ContextTokenSigner {
  const tokens = new WeakMap<Principal, Map<string, { token: Promise<string>; until: number }>>();
  return {
    sign(principal, audience) {
      let byAudience = tokens.get(principal);
      if (!byAudience) {
        byAudience = new Map();
        tokens.set(principal, byAudience);
      }
      const cached = byAudience.get(audience);
      if (cached && cached.until > Date.now()) return cached.token;
      const token = signer.sign(principal, audience);
      byAudience.set(audience, { token, until: Date.now() + reuseForMs });
      // A failed signature is not remembered; the next call tries again.
      token.catch(() => byAudience.delete(audience));
      return token;
    },
  };
}
