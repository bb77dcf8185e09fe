/**
 * Services the benchmark runs as their own command lines (Hive Gateway's CLI, this gateway's main
 * entry with workers) rather than through `startInChild`: their CPU time is read from /proc for the
 * process and its children, since they do not speak the benchmark children's IPC protocol.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { ChildService, GatewayTargetInfo } from '../support';

export function freePort(): Promise<number> {
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
  ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
} catch {
  // USER_HZ is 100 on every common Linux build.
}

/** The fields of /proc/<pid>/stat after the command name (which may contain spaces), or null once the process is gone. */
function statFields(pid: number): string[] | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null;
  }
}

/** utime + stime of a process and of its live children (cluster workers), µs (Linux only). */
export function processTreeCpuMicros(pid: number): number {
  const ticks = (fields: string[] | null) => (fields ? Number(fields[11]) + Number(fields[12]) : 0);
  let total = ticks(statFields(pid));
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const fields = statFields(Number(entry));
    if (fields && Number(fields[1]) === pid) total += ticks(fields);
  }
  return (total / ticksPerSecond) * 1e6;
}

async function waitUntilServing(url: string, child: ChildProcess, name: string, timeoutMs: number): Promise<void> {
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

export interface SpawnedServiceOptions {
  name: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Its GraphQL endpoint; it is ready once `{ __typename }` answers 200 there. */
  url: string;
  /** @default 90_000 */
  startTimeoutMs?: number;
}

/** Runs `node <args>` and waits until it serves GraphQL at `url`. */
export async function spawnService({ name, args, env, cwd, url, startTimeoutMs = 90_000 }: SpawnedServiceOptions): Promise<ChildService<GatewayTargetInfo>> {
  const child = spawn(process.execPath, args, { cwd, env, stdio: ['ignore', 'ignore', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    await waitUntilServing(url, child, name, startTimeoutMs);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return {
    name,
    pid: child.pid!,
    info: { url },
    cpu: async () => ({ cpuMicros: processTreeCpuMicros(child.pid!), rssBytes: 0 }),
    counters: async () => ({}),
    close: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(killer);
    },
  };
}
