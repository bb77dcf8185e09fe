/**
 * Hive Gateway (`@graphql-hive/gateway`, a benchmark-only dev dependency) run as its users run it: its
 * own CLI, `hive-gateway supergraph <file>`, in a child process of its own. Its CPU time is read
 * from /proc, since the CLI does not speak the benchmark children's IPC protocol.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { ChildService, GatewayTargetInfo } from '../support';

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

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

let ticksPerSecond = 100;
try {
  ticksPerSecond = Number(require('node:child_process').execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
} catch {
  // USER_HZ is 100 on every common Linux build.
}

/** utime + stime of a process, µs, from /proc/<pid>/stat (Linux only). */
function processCpuMicros(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may contain spaces; the fields after its closing parenthesis are fixed.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const [utime, stime] = [Number(fields[11]), Number(fields[12])];
  return ((utime + stime) / ticksPerSecond) * 1e6;
}

async function waitUntilServing(url: string, child: ChildProcess, name: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited during start (code ${child.exitCode})`);
    try {
      const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' });
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${name} did not answer within ${timeoutMs} ms`);
}

export async function startHiveGateway({ name, supergraphPath, dir, fast = false }: HiveGatewayOptions): Promise<ChildService<GatewayTargetInfo>> {
  const port = await freePort();
  const configPath = join(dir, `${name}.config.mjs`);
  // An explicit config file, even when empty, so the CLI never picks up a gateway.config.* from the working directory.
  await writeFile(configPath, fast ? 'export const gatewayConfig = { inboundInflightRequestDeduplication: true };\n' : 'export const gatewayConfig = {};\n');
  const args = [BIN, 'supergraph', supergraphPath, '--host', '127.0.0.1', '--port', String(port), '--config-path', configPath, ...(fast ? ['--jit'] : [])];
  const child = spawn(process.execPath, args, { cwd: dir, env: { ...process.env, NODE_ENV: 'production' }, stdio: ['ignore', 'ignore', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}/graphql`;
  try {
    await waitUntilServing(url, child, name);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return {
    name,
    pid: child.pid!,
    info: { url },
    cpu: async () => ({ cpuMicros: processCpuMicros(child.pid!), rssBytes: 0 }),
    counters: async () => ({}),
    close: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(killer);
    },
  };
}
