import {
  type ContextKeyPair,
  exportContextKeyPair,
  generateContextKeyPair,
  importContextKeyPair,
  type Logger,
} from '@academy/service-kit';
import { calculateJwkThumbprint, exportJWK } from 'jose';
import type { GatewayEnvironment } from './environment';

/**
 * The key pair that signs context tokens: the configured PEMs, or an ephemeral pair when none are
 * configured (never in production: the environment schema requires them there).
 */
export async function loadContextKeys(env: GatewayEnvironment, logger: Logger): Promise<ContextKeyPair> {
  const { CONTEXT_TOKEN_PRIVATE_KEY: privatePem, CONTEXT_TOKEN_PUBLIC_KEY: publicPem, CONTEXT_TOKEN_KID: kid } = env;
  if (privatePem && publicPem) {
    const pair = await importContextKeyPair(privatePem, publicPem, kid ?? 'pending');
    return kid ? pair : { ...pair, kid: await calculateJwkThumbprint(await exportJWK(pair.publicKey)) };
  }
  const pair = await generateContextKeyPair(kid);
  // With CONTEXT_TOKEN_SECRET the pair signs nothing (tokens are HS256), so there is nothing to warn about.
  if (env.CONTEXT_TOKEN_SECRET) return pair;
  logger.warn(
    { kid: pair.kid },
    'no CONTEXT_TOKEN_PRIVATE_KEY/CONTEXT_TOKEN_PUBLIC_KEY configured: generated an ephemeral ES256 pair; ' +
      'subgraphs in other processes must verify against /.well-known/jwks.json, and tokens change on every restart',
  );
  return pair;
}

/** PEMs of a fresh pair, for tests and for `CONTEXT_TOKEN_*` values in a new deployment. */
export async function generateContextKeyPems(): Promise<{ privatePem: string; publicPem: string }> {
  return exportContextKeyPair(await generateContextKeyPair());
}
