import type { EntityManager, MikroORM } from '@mikro-orm/core';
import type { StandardsDiff } from './standards-diff';
import { type StandardsSyncJobEntity as Job, StandardsSyncJobEntity, type SyncMode, type SyncTrigger } from './sync-job.entity';

/** Jobs live in the database, so any replica can answer for a job another one runs, and a restart keeps the history. */
export class SyncJobRepository {
  constructor(private readonly orm: MikroORM) {}

  private em(): EntityManager {
    return this.orm.em.fork();
  }

  async create(id: string, mode: SyncMode, trigger: SyncTrigger, requestedBy: string | null, updatedSince: Date | null): Promise<Job> {
    const em = this.em();
    const job = em.create(StandardsSyncJobEntity, { id, mode, trigger, requestedBy, updatedSince });
    await em.flush();
    return job;
  }

  byId(id: string): Promise<Job | null> {
    return this.em().findOne(StandardsSyncJobEntity, { id });
  }

  latest(limit: number): Promise<Job[]> {
    return this.em().find(StandardsSyncJobEntity, {}, { orderBy: { startedAt: 'desc', id: 'asc' }, limit });
  }

  lastSucceeded(): Promise<Job | null> {
    return this.em().findOne(StandardsSyncJobEntity, { status: 'SUCCEEDED' }, { orderBy: { startedAt: 'desc' } });
  }

  lastFinished(): Promise<Job | null> {
    return this.em().findOne(StandardsSyncJobEntity, { status: { $ne: 'RUNNING' } }, { orderBy: { finishedAt: 'desc' } });
  }

  /** Runs that failed since the last success (all of them when none ever succeeded). */
  async consecutiveFailures(): Promise<number> {
    const last = await this.lastSucceeded();
    return this.em().count(StandardsSyncJobEntity, { status: 'FAILED', ...(last && { startedAt: { $gt: last.startedAt } }) });
  }

  async progress(id: string, processed: number, total: number): Promise<void> {
    await this.em().nativeUpdate(StandardsSyncJobEntity, { id }, { processed, total, heartbeatAt: new Date() });
  }

  async succeed(id: string, counts: StandardsDiff['counts']): Promise<void> {
    await this.em().nativeUpdate(StandardsSyncJobEntity, { id }, { status: 'SUCCEEDED', ...counts, finishedAt: new Date(), heartbeatAt: new Date() });
  }

  async fail(id: string, failureCode: string, failureMessage: string): Promise<void> {
    await this.em().nativeUpdate(StandardsSyncJobEntity, { id }, { status: 'FAILED', failureCode, failureMessage, finishedAt: new Date() });
  }

  /** Jobs left RUNNING by a runner that no longer holds the lock (a crash or a kill): they will never finish. */
  async failAbandoned(exceptId: string): Promise<number> {
    return this.em().nativeUpdate(
      StandardsSyncJobEntity,
      { status: 'RUNNING', id: { $ne: exceptId } },
      { status: 'FAILED', failureCode: 'INTERRUPTED', failureMessage: 'The process running this sync stopped before it finished', finishedAt: new Date() },
    );
  }
}
