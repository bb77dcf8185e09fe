import { type ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';
import type { ChildMessage, ParentMessage } from './child-protocol';

export interface ChildServiceOptions {
  /** Shown in errors and used as the profile's file name. */
  name: string;
  /** Absolute path of a module (TypeScript is fine: children run under the same -r hooks as the parent). */
  module: string;
  /** The module's starter, `(options) => Promise<StartedService<TInfo>>`. */
  export: string;
  /** Passed to the starter; must survive JSON (IPC). */
  options: unknown;
  /** Write a V8 CPU profile of this child into this directory when it exits. */
  cpuProfileDir?: string;
  /** Node.js flags for this child only, after the inherited ones (e.g. `--max-semi-space-size=32`). @default none */
  extraExecArgv?: string[];
  /** The child's environment. @default a copy of the parent's */
  env?: NodeJS.ProcessEnv;
  /** @default 120_000 (the subgraphs compile and migrate on start) */
  startTimeoutMs?: number;
}

export interface CpuSample {
  /** User + system CPU time of the whole child process, microseconds. */
  cpuMicros: number;
  rssBytes: number;
}

export interface ChildService<TInfo> {
  name: string;
  pid: number;
  info: TInfo;
  cpu(): Promise<CpuSample>;
  /** The service's own counters (`StartedService.counters`); empty when it keeps none. */
  counters(): Promise<Record<string, number>>;
  /** Asks the child to close its servers and exit; kills it after 10 s. */
  close(): Promise<void>;
}

const ENTRY = join(__dirname, 'child-entry.ts');

/** The parent's flags minus any CPU profiling, so a profiled parent does not profile every child. */
function inheritedExecArgv(): string[] {
  return process.execArgv.filter((flag) => !flag.startsWith('--cpu-prof'));
}

/**
 * Runs a service in its own process. The load generator, the subgraphs and each gateway then have
 * their own event loop (as in production, and as the two cores here allow), and a child's CPU time
 * is that service's alone.
 */
export function startInChild<TInfo>(options: ChildServiceOptions): Promise<ChildService<TInfo>> {
  const execArgv = [...inheritedExecArgv(), ...(options.extraExecArgv ?? [])];
  if (options.cpuProfileDir) execArgv.push('--cpu-prof', `--cpu-prof-dir=${options.cpuProfileDir}`, `--cpu-prof-name=${options.name}.cpuprofile`);
  const child: ChildProcess = fork(ENTRY, [], { execArgv, env: options.env ?? process.env, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const send = (message: ParentMessage) => child.send(message);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  let nextId = 0;
  const pending = new Map<number, (sample: CpuSample) => void>();
  const pendingCounters = new Map<number, (counters: Record<string, number>) => void>();
  child.on('message', (message: ChildMessage) => {
    if (message.type === 'counters') {
      pendingCounters.get(message.id)?.(message.counters);
      pendingCounters.delete(message.id);
    }
    if (message.type !== 'cpu') return;
    pending.get(message.id)?.({ cpuMicros: message.usage.user + message.usage.system, rssBytes: message.rssBytes });
    pending.delete(message.id);
  });

  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${options.name} did not start within ${options.startTimeoutMs ?? 120_000} ms`));
    }, options.startTimeoutMs ?? 120_000);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${options.name} exited during start (code ${code}, signal ${signal})`));
    });
    child.on('message', (message: ChildMessage) => {
      if (message.type === 'failed') {
        clearTimeout(timer);
        reject(new Error(`${options.name} failed to start:\n${message.error}`));
      }
      if (message.type !== 'started') return;
      clearTimeout(timer);
      resolve({
        name: options.name,
        pid: child.pid!,
        info: message.info as TInfo,
        cpu: () =>
          new Promise((done) => {
            const id = nextId++;
            pending.set(id, done);
            send({ type: 'cpu', id });
          }),
        counters: () =>
          new Promise((done) => {
            const id = nextId++;
            pendingCounters.set(id, done);
            send({ type: 'counters', id });
          }),
        close: async () => {
          if (child.exitCode !== null || child.signalCode !== null) return;
          send({ type: 'close' });
          const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
          await exited;
          clearTimeout(killer);
        },
      });
    });
    send({ type: 'start', module: options.module, export: options.export, options: options.options });
  });
}

/**
 * Starts children in parallel and adds each one that started to `started` (even when another
 * failed), so the caller's cleanup closes them all; rejects with the first failure.
 */
export async function startChildren<T extends unknown[]>(
  started: ChildService<unknown>[],
  starts: { [K in keyof T]: Promise<ChildService<T[K]>> },
): Promise<{ [K in keyof T]: ChildService<T[K]> }> {
  const settled = await Promise.allSettled(starts);
  for (const result of settled) if (result.status === 'fulfilled') started.push(result.value);
  const failed = settled.find((result) => result.status === 'rejected');
  if (failed) throw failed.reason;
  return settled.map((result) => (result as PromiseFulfilledResult<unknown>).value) as { [K in keyof T]: ChildService<T[K]> };
}
