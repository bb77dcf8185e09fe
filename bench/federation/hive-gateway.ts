/**
 * Hive Gateway (`@graphql-hive/gateway`, a benchmark-only dev dependency) run as its users run it: its
 * own CLI, `hive-gateway supergraph <file>`, in a child process of its own.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ChildService, GatewayTargetInfo } from '../support';
import { freePort, spawnService } from './process-service';

export interface HiveGatewayOptions {
  name: string;
  /** The composed supergraph, routing URLs included. */
  supergraphPath: string;
  /** Where the config file is written. */
  dir: string;
  /**
   * Its fastest documented settings: `--jit` (graphql-jit compiled execution) and
   * `inboundInflightRequestDeduplication` (identical in-flight client requests run once).
   * @default false (every setting at its default)
   */
  fast?: boolean;
}

const BIN = require.resolve('@graphql-hive/gateway/package.json').replace(/package\.json$/, join('dist', 'bin.js'));

export async function startHiveGateway({ name, supergraphPath, dir, fast = false }: HiveGatewayOptions): Promise<ChildService<GatewayTargetInfo>> {
  const port = await freePort();
  const configPath = join(dir, `${name}.config.mjs`);
  // An explicit config file, even when empty, so the CLI never picks up a gateway.config.* from the working directory.
  await writeFile(configPath, fast ? 'export const gatewayConfig = { inboundInflightRequestDeduplication: true };\n' : 'export const gatewayConfig = {};\n');
  const args = [BIN, 'supergraph', supergraphPath, '--host', '127.0.0.1', '--port', String(port), '--config-path', configPath, ...(fast ? ['--jit'] : [])];
  return spawnService({ name, args, cwd: dir, env: { ...process.env, NODE_ENV: 'production' }, url: `http://127.0.0.1:${port}/graphql` });
}
