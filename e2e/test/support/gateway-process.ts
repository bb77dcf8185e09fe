import { join } from 'node:path';
import { forkTypeScript } from './fork-typescript';

const ENTRY = join(__dirname, 'gateway-process-entry.ts');

/** What the child needs to become a replica; plain data, as it travels over IPC. */
export interface GatewayProcessStart {
  /** The gateway's variables (`loadGatewayEnvironment` reads these and nothing else). */
  env: Record<string, string>;
  supergraphSdl: string;
  subgraphUrls: Record<string, string>;
  /** The Redis the replica's limits and caches use (a `startTcpProxy` in front of Redis, to cut it). */
  redisUrl: string;
  /** Key prefix shared with the test's other replicas, so they share budgets and nothing else does. */
  prefix: string;
}

export type GatewayProcessMessage = { type: 'listening'; url: string } | { type: 'failed'; error: string };

export interface GatewayProcess {
  /** `http://127.0.0.1:<port>` */
  url: string;
  pid: number;
  /** True until the process exits for any reason. */
  alive(): boolean;
  /** What it wrote to stdout (pino JSON lines) and stderr so far. */
  output(): string;
  /** Asks it to close its server and connections and exit; kills it after 10 s. Resolves with the exit code. */
  close(): Promise<number | null>;
}

/**
 * A gateway replica as a separate Node process (its own event loop, its own Redis connection), as
 * production runs replicas.
 */
export function startGatewayProcess(start: GatewayProcessStart, startTimeoutMs = 60_000): Promise<GatewayProcess> {
  const child = forkTypeScript(ENTRY, 'pipe');
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));

  return new Promise((resolvePromise, reject) => {
    const fail = (reason: string) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`gateway process ${reason}\n${output}`));
    };
    const timer = setTimeout(() => fail(`did not listen within ${startTimeoutMs} ms`), startTimeoutMs);
    const exitedDuringStart = (code: number | null, signal: NodeJS.Signals | null) => fail(`exited during start (code ${code}, signal ${signal})`);
    child.once('exit', exitedDuringStart);
    child.on('message', (message: GatewayProcessMessage) => {
      if (message.type === 'failed') return fail(`failed to start: ${message.error}`);
      clearTimeout(timer);
      child.off('exit', exitedDuringStart);
      resolvePromise({
        url: message.url,
        pid: child.pid!,
        alive: () => child.exitCode === null && child.signalCode === null,
        output: () => output,
        close: async () => {
          if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
          child.send({ type: 'close' });
          const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
          const code = await exited;
          clearTimeout(killer);
          return code;
        },
      });
    });
    child.send({ type: 'start', start });
  });
}
