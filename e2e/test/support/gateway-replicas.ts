import { randomUUID } from 'node:crypto';
import { composeSupergraph, type EmbeddedSystem } from '@academy/embedded';
import { exportContextKeyPair } from '@academy/service-kit';
import { startTcpProxy, type TcpProxy } from '@academy/testing';
import { startAuthSystem, TEST_HS256_SECRET } from './auth-system';
import { type GatewayProcess, startGatewayProcess } from './gateway-process';

export interface GatewayReplicas {
  /** The subgraphs (and an in-process gateway for setup), on Redis directly under the run's prefix. */
  system: EmbeddedSystem;
  /** Between every replica and Redis: `interrupt()` is a Redis outage for the replicas only. */
  proxy: TcpProxy;
  replicas: GatewayProcess[];
  /** Whether the run's shared bucket of a tenant exists in Redis (a replica decided on Redis for it). */
  costKeyExists(tenantId: string): Promise<boolean>;
  /** Stops the replicas (resolving with their exit codes), the proxy and the system; deletes the run's keys. */
  close(): Promise<(number | null)[]>;
}

/**
 * The real subgraphs and one gateway process per entry of `replicaEnv` (its extra variables), all
 * in multi-tenant mode on one Redis key prefix of their own, the replicas through a TCP proxy.
 */
export async function startGatewayReplicas(redisUrl: string, replicaEnv: Record<string, string>[]): Promise<GatewayReplicas> {
  const prefix = `e2e-dc-${randomUUID().slice(0, 8)}`;
  const system = await startAuthSystem({ REDIS_URL: redisUrl }, prefix);
  const redis = system.infrastructure.store.redis!;
  const target = new URL(redisUrl);
  const proxy = await startTcpProxy(target.hostname, Number(target.port || 6379));
  const replicas: GatewayProcess[] = [];
  const close = async () => {
    const codes = await Promise.all(replicas.map((replica) => replica.close()));
    await proxy.close();
    // ioredis prefixes keys, not KEYS patterns: the pattern is written out and the prefix sliced off.
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length) await redis.del(...keys.map((key) => key.slice(prefix.length + 1)));
    await system.close();
    return codes;
  };
  try {
    const { privatePem, publicPem } = await exportContextKeyPair(system.gateway.contextKeys);
    const common = {
      supergraphSdl: (await composeSupergraph()).supergraphSdl,
      subgraphUrls: Object.fromEntries(Object.entries(system.subgraphs).map(([name, { url }]) => [name, url])),
      redisUrl: `redis://127.0.0.1:${proxy.port}`,
      prefix,
    };
    const env = {
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      TENANCY_MODE: 'multi',
      JWT_HS256_SECRET: TEST_HS256_SECRET,
      CONTEXT_TOKEN_PRIVATE_KEY: privatePem,
      CONTEXT_TOKEN_PUBLIC_KEY: publicPem,
      CONTEXT_TOKEN_KID: system.gateway.contextKeys.kid,
    };
    const started = await Promise.allSettled(replicaEnv.map((extra) => startGatewayProcess({ ...common, env: { ...env, ...extra } })));
    for (const result of started) if (result.status === 'fulfilled') replicas.push(result.value);
    const failed = started.find((result) => result.status === 'rejected');
    if (failed) throw failed.reason;
  } catch (error) {
    await close();
    throw error;
  }
  return { system, proxy, replicas, costKeyExists: async (tenantId) => (await redis.exists(`cost:${tenantId}`)) === 1, close };
}
