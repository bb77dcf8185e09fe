import type { StandardsSyncJobEntity } from './sync-job.entity';
import { type StandardsSyncFailureCode, StandardsSyncJob, type StandardsSyncJobStatus, type StandardsSyncMode, type StandardsSyncTrigger } from './sync-job.type';

/** The public shape of a job: progress always, a report once it succeeded, the reason once it failed. */
export function toStandardsSyncJob(job: StandardsSyncJobEntity): StandardsSyncJob {
  return Object.assign(new StandardsSyncJob(), {
    id: job.id,
    mode: job.mode as StandardsSyncMode,
    trigger: job.trigger as StandardsSyncTrigger,
    status: job.status as StandardsSyncJobStatus,
    requestedBy: job.requestedBy,
    updatedSince: job.updatedSince,
    startedAt: job.startedAt,
    finishedAt: job.finishedAt,
    progress: { processed: job.processed, total: job.total },
    report: job.status === 'SUCCEEDED' ? { added: job.added, updated: job.updated, retired: job.retired, unchanged: job.unchanged } : null,
    failure: job.status === 'FAILED' ? { code: job.failureCode as StandardsSyncFailureCode, message: job.failureMessage ?? '' } : null,
  });
}
