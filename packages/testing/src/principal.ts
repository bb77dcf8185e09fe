import { type ContextKeyPair, createContextTokenSigner, type Principal } from '@academy/service-kit';

export function testPrincipal(overrides: Partial<Principal> = {}): Principal {
  return { tenantId: null, plan: null, subject: null, roles: [], scopes: [], authMethod: 'jwt', requestId: 'test-request', flags: [], ...overrides };
}

/** A context token as the gateway would sign it, for calling a subgraph directly in tests. */
export function signContextToken(keys: ContextKeyPair, audience: string, overrides: Partial<Principal> = {}): Promise<string> {
  return createContextTokenSigner(keys).sign(testPrincipal(overrides), audience);
}
