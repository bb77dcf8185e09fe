/**
 * The gateways `bench/auth-overhead.ts` compares, each started in a child process:
 * - `on`: the product's configuration (multi-tenant, JWT, a context token signed per subgraph call);
 * - `anonymous`: single-tenant, anonymous, still a context token signed per call (the default gateway);
 * - `off`: single-tenant, anonymous, context tokens signed once at start and reused.
 */
import { createGateway, type Gateway, loadGatewayEnvironment } from '@academy/gateway';
import { type ContextTokenSigner, createContextTokenSigner, createLogger, importContextKeyPair } from '@academy/service-kit';
import type { GatewayTargetInfo, StartedService } from './support';
import type { ContextKeyPems } from './support/principal';

export interface AuthGatewayOptions {
  keys: ContextKeyPems;
  supergraphSdl: string;
  subgraphUrls: Record<string, string>;
  /** For `on`: the HS256 secret client tokens are signed with. */
  jwtSecret: string;
  mode: 'on' | 'anonymous' | 'off';
}

/**
 * Signs each audience's anonymous token once (24 h) and hands it out for every call: what a gateway
 * without per-request context signing costs, while the real subgraphs still let the calls in.
 */
async function presignedAnonymousSigner(keys: ContextKeyPems): Promise<ContextTokenSigner> {
  const signer = createContextTokenSigner(await importContextKeyPair(keys.privatePem, keys.publicPem, keys.kid), 24 * 3600);
  const tokens = new Map<string, Promise<string>>();
  return {
    sign: (principal, audience) => {
      let token = tokens.get(audience);
      if (!token) {
        token = signer.sign({ ...principal, requestId: 'bench-presigned' }, audience);
        tokens.set(audience, token);
      }
      return token;
    },
  };
}

export async function startAuthGateway({ keys, supergraphSdl, subgraphUrls, jwtSecret, mode }: AuthGatewayOptions): Promise<StartedService<GatewayTargetInfo>> {
  const logLevel = 'warn';
  const env = loadGatewayEnvironment({
    NODE_ENV: 'production',
    LOG_LEVEL: logLevel,
    HOST: '127.0.0.1',
    CONTEXT_TOKEN_PRIVATE_KEY: keys.privatePem,
    CONTEXT_TOKEN_PUBLIC_KEY: keys.publicPem,
    CONTEXT_TOKEN_KID: keys.kid,
    ...(mode === 'on' ? { TENANCY_MODE: 'multi', JWT_HS256_SECRET: jwtSecret } : { TENANCY_MODE: 'single' }),
  });
  const gateway: Gateway = await createGateway({
    env,
    logger: createLogger({ service: `bench-auth-${mode}`, level: logLevel }),
    contextKeys: await importContextKeyPair(keys.privatePem, keys.publicPem, keys.kid),
    supergraphSdl,
    subgraphUrls,
    ...(mode === 'off' && { contextTokenSigner: await presignedAnonymousSigner(keys) }),
  });
  await gateway.listen(0, '127.0.0.1');
  return { info: { url: gateway.graphqlUrl }, close: () => gateway.close() };
}
