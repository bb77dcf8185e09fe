/**
 * The gateways `bench/limits.ts` compares, each started in a child process. All three are the
 * product's multi-tenant configuration (tenant resolution, JWT, a context token signed per subgraph
 * call) in front of the same subgraphs; they differ only in per-tenant demand control:
 * - `off`: none (`createGateway({ demandControl: false })`), Redis for the tenant cache;
 * - `redis`: cost bucket and request rates in Redis (the production setup), Redis for the tenant cache;
 * - `memory`: the in-process limiter of the embedded default, no Redis at all.
 * Each has its own in-process event bus, so the usage records it publishes are batched and dropped,
 * and in-flight deduplication is off in all three (see below).
 */
import { Writable } from 'node:stream';
import { createGateway, type Gateway, loadGatewayEnvironment } from '@academy/gateway';
import { createLogger, importContextKeyPair } from '@academy/service-kit';
import { createInfrastructure } from '@academy/subgraph-kit';
import type { GatewayTargetInfo, StartedService } from './support';
import type { ContextKeyPems } from './support/principal';

export const LIMITS_MODES = ['off', 'redis', 'memory'] as const;
export type LimitsMode = (typeof LIMITS_MODES)[number];

export interface LimitsGatewayOptions {
  keys: ContextKeyPems;
  supergraphSdl: string;
  subgraphUrls: Record<string, string>;
  /** The HS256 secret client tokens are signed with. */
  jwtSecret: string;
  mode: LimitsMode;
  redisUrl: string;
  /** Key prefix of this run, shared by the gateways that use Redis. */
  prefix: string;
  /** LIMITS_LEASE_MS of the Redis gateway (0: every request decided in Redis). */
  leaseMs: number;
}

/** Log messages of a limit decided without Redis (the failure policy answered instead). */
const DEGRADED = ['limits decided without Redis'];

/**
 * Counts the degraded decisions the gateway logs, so a run can say whether Redis answered every
 * time, and passes every other line on to stderr.
 */
function countingDestination(counts: Record<string, number>): Writable {
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      const line = chunk.toString('utf8');
      const degraded = DEGRADED.find((message) => line.includes(`"msg":"${message}"`));
      if (degraded) counts[degraded] = (counts[degraded] ?? 0) + 1;
      else process.stderr.write(line);
      done();
    },
  });
}

export async function startLimitsGateway({ keys, supergraphSdl, subgraphUrls, jwtSecret, mode, redisUrl, prefix, leaseMs }: LimitsGatewayOptions): Promise<StartedService<GatewayTargetInfo>> {
  const counts: Record<string, number> = {};
  const logger = createLogger({ service: `bench-limits-${mode}`, level: 'warn', destination: countingDestination(counts) });
  const env = loadGatewayEnvironment({
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    HOST: '127.0.0.1',
    TENANCY_MODE: 'multi',
    JWT_HS256_SECRET: jwtSecret,
    CONTEXT_TOKEN_PRIVATE_KEY: keys.privatePem,
    CONTEXT_TOKEN_PUBLIC_KEY: keys.publicPem,
    CONTEXT_TOKEN_KID: keys.kid,
    // Every connection here is the same caller sending the same query, which in-flight deduplication
    // would collapse into a fraction of the subgraph work: a baseline no tenant's real traffic has.
    INFLIGHT_DEDUP: 'false',
    LIMITS_LEASE_MS: String(leaseMs),
  });
  const infrastructure = await createInfrastructure({ redisUrl: mode === 'memory' ? null : redisUrl, logger, prefix });
  let gateway: Gateway;
  try {
    gateway = await createGateway({
      env,
      logger,
      contextKeys: await importContextKeyPair(keys.privatePem, keys.publicPem, keys.kid),
      supergraphSdl,
      subgraphUrls,
      infrastructure,
      demandControl: mode !== 'off',
    });
    await gateway.listen(0, '127.0.0.1');
  } catch (error) {
    await infrastructure.close();
    throw error;
  }
  return {
    info: { url: gateway.graphqlUrl },
    counters: () => ({ ...counts }),
    close: async () => {
      await gateway.close();
      await infrastructure.close();
    },
  };
}
