import { randomUUID } from 'node:crypto';
import type { ConocerClient } from '@academy/conocer-client';
import { type EventBus, newEvent } from '@academy/event-bus';
import { AppError, type Logger } from '@academy/service-kit';
import type { MikroORM } from '@mikro-orm/core';
import { applyCatalogChanges, type CatalogCache, readCatalog, STANDARDS_SYNCED, type StandardsSyncedPayload } from '../standard';
import { fetchCatalog } from './catalog-fetch';
import type { ConocerMetrics } from './conocer-metrics';
import { diffStandards, type StandardsDiff } from './standards-diff';
import { failureOf } from './sync-failure';
import { SyncRefused } from './sync-refused';
import type { StandardsSyncJobEntity, SyncMode, SyncTrigger } from './sync-job.entity';
import type { SyncJobRepository } from './sync-job.repository';
import type { SyncLock } from './sync-lock';

/**
 * An incremental sync asks for changes since the previous successful one began, minus this: CONOCER's
 * clock may run behind ours, and a standard changed while that sync was paging is read again.
 * Reading a standard twice is harmless (unchanged standards are not written).
 */
export const INCREMENTAL_OVERLAP_MS = 5 * 60 * 1000;
/** A full sync that would retire more than this share of the current catalog is refused as a broken answer. */
export const MAX_RETIRED_SHARE = 0.2;

export interface StandardsSyncDependencies {
  orm: MikroORM;
  client: ConocerClient;
  jobs: SyncJobRepository;
  lock: SyncLock;
  bus: EventBus;
  cache: CatalogCache;
  logger: Logger;
  metrics: Pick<ConocerMetrics, 'syncFinished'>;
}

/** Starts sync jobs (one at a time across replicas) and runs them in the background. */
export class StandardsSyncService {
  private readonly running = new Set<Promise<void>>();

  constructor(private readonly deps: StandardsSyncDependencies) {}

  /** Starts a job and returns it RUNNING; CONFLICT while another runs. INCREMENTAL without a previous success runs FULL. */
  async start(mode: SyncMode, trigger: SyncTrigger, requestedBy: string | null): Promise<StandardsSyncJobEntity> {
    const { jobs, lock, logger } = this.deps;
    const id = randomUUID();
    if (!(await lock.acquire(id))) {
      const holder = await lock.holder();
      throw new AppError('CONFLICT', 'A standards sync is already running; follow it with standardsSyncJob', { jobId: holder });
    }
    try {
      const previous = mode === 'INCREMENTAL' ? await jobs.lastSucceeded() : null;
      const effective: SyncMode = previous ? 'INCREMENTAL' : 'FULL';
      const updatedSince = previous ? new Date(previous.startedAt.getTime() - INCREMENTAL_OVERLAP_MS) : null;
      const job = await jobs.create(id, effective, trigger, requestedBy, updatedSince);
      const abandoned = await jobs.failAbandoned(id);
      if (abandoned) logger.warn({ abandoned }, 'standards sync jobs left running by a stopped process marked INTERRUPTED');
      const run = this.run(job).finally(() => this.running.delete(run));
      this.running.add(run);
      logger.info({ jobId: id, mode: effective, trigger, updatedSince }, 'standards sync started');
      return job;
    } catch (error) {
      await lock.release(id);
      throw error;
    }
  }

  /** Waits (bounded) for running jobs; one cut short stays RUNNING and is marked INTERRUPTED by the next start. */
  async close(timeoutMs = 5000): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise((resolve) => {
      timer = setTimeout(resolve, timeoutMs);
    });
    await Promise.race([Promise.allSettled(this.running), deadline]);
    clearTimeout(timer);
  }

  private async run(job: StandardsSyncJobEntity): Promise<void> {
    const { orm, client, jobs, lock, logger, metrics } = this.deps;
    const log = logger.child({ jobId: job.id });
    try {
      const remote = await fetchCatalog(client, job.updatedSince, async (processed, total) => {
        await jobs.progress(job.id, processed, total);
        await lock.renew(job.id);
      });
      const local = await readCatalog(orm.em);
      const diff = diffStandards(local, remote, job.mode === 'FULL');
      this.refuseMassRetirement(diff, local.size);
      await applyCatalogChanges(orm.em, diff.inserts, diff.updates);
      // Announced before the job reads SUCCEEDED, so whoever waits for the job finds caches already being invalidated.
      if (diff.inserts.length + diff.updates.length > 0) await this.announce(job, diff);
      await jobs.succeed(job.id, diff.counts);
      metrics.syncFinished(job.mode, 'succeeded');
      log.info({ report: diff.counts }, 'standards sync succeeded');
    } catch (error) {
      const failure = failureOf(error);
      log.error({ err: error, failure: failure.code }, 'standards sync failed; the catalog is unchanged');
      metrics.syncFinished(job.mode, 'failed');
      await jobs.fail(job.id, failure.code, failure.message).catch((e: unknown) => log.error({ err: e }, 'could not record the failed sync'));
    } finally {
      await lock.release(job.id).catch((e: unknown) => log.warn({ err: e }, 'could not release the sync lock; it expires on its own'));
    }
  }

  private refuseMassRetirement(diff: StandardsDiff, catalogSize: number): void {
    if (diff.counts.retired > Math.max(10, catalogSize * MAX_RETIRED_SHARE)) {
      throw new SyncRefused(`CONOCER's answer would retire ${diff.counts.retired} of ${catalogSize} standards; refusing it as a broken catalog`);
    }
  }

  /** The event invalidates every replica's cached catalog; if it cannot be published, this replica invalidates the shared cache itself. */
  private async announce(job: StandardsSyncJobEntity, diff: StandardsDiff): Promise<void> {
    const { bus, cache, logger } = this.deps;
    const payload: StandardsSyncedPayload = { jobId: job.id, mode: job.mode, added: diff.counts.added, updated: diff.counts.updated, retired: diff.counts.retired };
    try {
      await bus.publish(newEvent(STANDARDS_SYNCED, null, payload));
    } catch (error) {
      logger.warn({ err: error, jobId: job.id }, 'could not publish standards.synced; invalidating the catalog cache directly');
      await cache.invalidate().catch((e: unknown) => logger.error({ err: e }, 'catalog cache invalidation failed; answers may be stale for up to 24 h'));
    }
  }
}
