import cluster, { type Worker } from 'node:cluster';
import type { Logger } from '@academy/service-kit';

export interface ClusterPrimaryOptions {
  /** Worker processes to keep running (GATEWAY_WORKERS). */
  workers: number;
  /** Added to every worker's environment (e.g. the context key pair the primary generated, so all sign alike). */
  workerEnv?: Record<string, string>;
  logger: Logger;
  /** A worker that dies is replaced, unless this many died within `crashWindowMs`: then the primary gives up. @default 5 */
  maxCrashes?: number;
  /** @default 60_000 */
  crashWindowMs?: number;
  /** How long workers get to drain on shutdown before they are killed. @default 30_000 */
  shutdownGraceMs?: number;
}

export interface ClusterPrimary {
  /** Live workers. */
  workers(): Worker[];
  /** Resolves with the primary's exit code once every worker has exited (after `stop`, or after too many crashes). */
  done: Promise<number>;
  /** SIGTERM to every worker (each drains as on its own), SIGKILL after the grace period. */
  stop(): Promise<number>;
}

/**
 * The primary of a gateway cluster: it serves nothing itself. Workers share the listening port
 * (node:cluster hands connections out round-robin), so one gateway uses every core it is given; the
 * primary replaces workers that die, within a crash budget so a gateway that cannot start does not
 * restart forever, and on SIGTERM/SIGINT lets each worker drain as a single gateway would.
 */
export function startClusterPrimary({ workers: count, workerEnv = {}, logger, maxCrashes = 5, crashWindowMs = 60_000, shutdownGraceMs = 30_000 }: ClusterPrimaryOptions): ClusterPrimary {
  const live = new Set<Worker>();
  const crashes: number[] = [];
  let stopping = false;
  let finish: (code: number) => void = () => {};
  const done = new Promise<number>((resolve) => {
    finish = resolve;
  });
  let exitCode = 0;

  const fork = () => {
    const worker = cluster.fork(workerEnv);
    live.add(worker);
    worker.once('exit', (code, signal) => {
      live.delete(worker);
      if (stopping) {
        if (live.size === 0) finish(exitCode);
        return;
      }
      const now = Date.now();
      crashes.push(now);
      while (crashes.length && crashes[0]! < now - crashWindowMs) crashes.shift();
      if (crashes.length >= maxCrashes) {
        logger.fatal({ code, signal, crashes: crashes.length, windowMs: crashWindowMs }, 'gateway workers keep dying; stopping the cluster');
        exitCode = 1;
        void stop();
        return;
      }
      logger.error({ pid: worker.process.pid, code, signal }, 'gateway worker died; starting a replacement');
      fork();
    });
  };

  async function stop(): Promise<number> {
    if (!stopping) {
      stopping = true;
      if (live.size === 0) finish(exitCode);
      for (const worker of live) worker.process.kill('SIGTERM');
      const killer = setTimeout(() => {
        for (const worker of live) worker.process.kill('SIGKILL');
      }, shutdownGraceMs);
      killer.unref();
      void done.then(() => clearTimeout(killer));
    }
    return done;
  }

  for (let i = 0; i < count; i++) fork();
  logger.info({ workers: count }, 'gateway cluster started');
  return { workers: () => [...live], done, stop };
}
