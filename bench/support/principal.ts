import { createContextTokenSigner, exportContextKeyPair, generateContextKeyPair, importContextKeyPair, type Principal } from '@academy/service-kit';

/** A context-token key pair as PEMs, so it can cross into child processes over IPC. */
export interface ContextKeyPems {
  privatePem: string;
  publicPem: string;
  kid: string;
  /** When set, gateways sign HS256 with it (CONTEXT_TOKEN_SECRET) and subgraphs verify with their derived keys. */
  secret?: string;
}

export async function generateContextKeyPems(): Promise<ContextKeyPems> {
  const pair = await generateContextKeyPair('bench');
  return { ...(await exportContextKeyPair(pair)), kid: pair.kid };
}

/**
 * The caller every benchmark acts as. Anonymous callers may soon see no tenant data, and a
 * benchmark that measured a refusal would be measuring the wrong thing; a platform admin can read
 * every tenant's data and needs no tenant.
 */
export function benchPrincipal(requestId: string): Principal {
  return { tenantId: null, plan: null, subject: 'bench-admin', roles: ['platform_admin'], scopes: [], authMethod: 'jwt', requestId, flags: [] };
}

/** Long enough for any benchmark run, so a token signed once at start never expires mid-measurement. */
export const LONG_TOKEN_TTL_SECONDS = 24 * 3600;

/** One context token per subgraph (the audience is the subgraph's name), signed once. */
export async function signLongLivedTokens(keys: ContextKeyPems, audiences: readonly string[], requestId: string): Promise<Record<string, string>> {
  const signer = createContextTokenSigner(await importContextKeyPair(keys.privatePem, keys.publicPem, keys.kid), LONG_TOKEN_TTL_SECONDS);
  const principal = benchPrincipal(requestId);
  return Object.fromEntries(await Promise.all(audiences.map(async (audience) => [audience, await signer.sign(principal, audience)] as const)));
}
