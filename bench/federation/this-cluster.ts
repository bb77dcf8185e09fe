/**
 * This gateway from its production entry point (`gateway/src/main.ts`) with GATEWAY_WORKERS: a
 * node:cluster primary and its workers sharing one port, configured as `startThisGateway` (every
 * feature on; Redis is required for workers in multi-tenant mode).
 */
import { join } from 'node:path';
import type { ChildService, ContextKeyPems, GatewayTargetInfo } from '../support';
import { freePort, spawnService } from './process-service';

export interface ThisClusterOptions {
  keys: ContextKeyPems;
  supergraphPath: string;
  jwtSecret: string;
  redisUrl: string;
  workers: number;
}

const REPO = join(__dirname, '..', '..');

export async function startThisCluster({ keys, supergraphPath, jwtSecret, redisUrl, workers }: ThisClusterOptions): Promise<ChildService<GatewayTargetInfo>> {
  const port = await freePort();
  const args = [
    '--conditions=development',
    '-r',
    '@swc-node/register',
    '-r',
    join(__dirname, 'plain-stack-traces.ts'),
    join(REPO, 'gateway', 'src', 'main.ts'),
    '--supergraph',
    supergraphPath,
    '--port',
    String(port),
    '--host',
    '127.0.0.1',
  ];
  const env = {
    PATH: process.env.PATH ?? '',
    NODE_ENV: 'production',
    LOG_LEVEL: 'error',
    GATEWAY_WORKERS: String(workers),
    TENANCY_MODE: 'multi',
    JWT_HS256_SECRET: jwtSecret,
    REDIS_URL: redisUrl,
    LIMITS_EXPECTED_REPLICAS: String(workers),
    SUPERGRAPH_WATCH: 'false',
    CONTEXT_TOKEN_PRIVATE_KEY: keys.privatePem,
    CONTEXT_TOKEN_PUBLIC_KEY: keys.publicPem,
    CONTEXT_TOKEN_KID: keys.kid,
    ...(keys.secret && { CONTEXT_TOKEN_SECRET: keys.secret }),
  };
  return spawnService({ name: `this-cluster-${workers}`, args, env, cwd: REPO, url: `http://127.0.0.1:${port}/graphql` });
}
