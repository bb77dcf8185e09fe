/**
 * Starters (run in child processes by `startInChild`) for the Node gateways the federation benchmark
 * compares on the same supergraph and subgraphs: this gateway with every feature on, and a stock
 * `@apollo/gateway`. Hive Gateway runs as its own CLI (see `hive-gateway.ts`).
 */
import * as academyGateway from '@academy/gateway';
import { createLogger, importContextKeyPair } from '@academy/service-kit';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import type { ContextKeyPems, GatewayTargetInfo, StartedService } from '../support';

export interface ThisGatewayOptions {
  keys: ContextKeyPems;
  supergraphSdl: string;
  /** HS256 secret the clients' JWTs are signed with. */
  jwtSecret: string;
  /** Shared budgets and tenant cache in Redis (as production runs with replicas); null: in memory. */
  redisUrl: string | null;
  /** INFLIGHT_DEDUP. @default true (the gateway's default) */
  inflightDedup?: boolean;
  /**
   * Another checkout's `gateway/src/index.ts` to run instead of this one's (its imports resolve through
   * that checkout's node_modules): the same benchmark measures before and after a change in one run.
   * @default this checkout's gateway
   */
  gatewayModule?: string;
}

/**
 * This gateway as production runs it with every per-request feature on: multi-tenant (every tenant
 * strategy on; the requests name their tenant by `X-Tenant-Id`, looked up in tenancy and cached), a
 * JWT verified per request and bound to the tenant, in-flight deduplication (per caller), the
 * plan's structural limits, the cost estimate, per-tenant and per-caller rate limits, the cost bucket
 * debited and refunded (in Redis when given), `extensions.cost`, a usage record per operation,
 * per-subgraph circuit breakers and retries, and a context token for every subgraph call (ES256, or
 * HS256 with `--context-tokens hs256`).
 */
export async function startThisGateway({ keys, supergraphSdl, jwtSecret, redisUrl, inflightDedup = true, gatewayModule }: ThisGatewayOptions): Promise<StartedService<GatewayTargetInfo>> {
  const { createGateway, loadGatewayEnvironment } = (gatewayModule ? require(gatewayModule) : academyGateway) as typeof academyGateway;
  // Not 'warn': on a busy machine Redis misses its 50 ms deadline now and then, and a warning per
  // request (the policy's local fallback) would flood the benchmark's output.
  const logLevel = 'error';
  const env = loadGatewayEnvironment({
    NODE_ENV: 'production',
    LOG_LEVEL: logLevel,
    HOST: '127.0.0.1',
    TENANCY_MODE: 'multi',
    JWT_HS256_SECRET: jwtSecret,
    INFLIGHT_DEDUP: String(inflightDedup),
    CONTEXT_TOKEN_PRIVATE_KEY: keys.privatePem,
    CONTEXT_TOKEN_PUBLIC_KEY: keys.publicPem,
    CONTEXT_TOKEN_KID: keys.kid,
    ...(keys.secret && { CONTEXT_TOKEN_SECRET: keys.secret }),
    ...(redisUrl && { REDIS_URL: redisUrl }),
  });
  const gateway = await createGateway({
    env,
    logger: createLogger({ service: 'bench-federation-gateway', level: logLevel }),
    contextKeys: await importContextKeyPair(keys.privatePem, keys.publicPem, keys.kid),
    supergraphSdl,
  });
  await gateway.listen(0, '127.0.0.1');
  return { info: { url: gateway.graphqlUrl }, close: () => gateway.close() };
}

/** `@apollo/gateway` + `@apollo/server` exactly as their docs start them: no options beyond the supergraph. */
export async function startStockGateway({ supergraphSdl }: { supergraphSdl: string }): Promise<StartedService<GatewayTargetInfo>> {
  const server = new ApolloServer({ gateway: new ApolloGateway({ supergraphSdl }), nodeEnv: 'production' });
  const { url } = await startStandaloneServer(server, { listen: { port: 0, host: '127.0.0.1' } });
  return { info: { url: new URL('/graphql', url).href }, close: () => server.stop() };
}
