import type { CircuitStateName } from '@academy/conocer-client';
import type { CallStats } from './call-stats';
import type { ConocerSync, ConocerSyncHealth } from './conocer-sync.type';
import { healthOf } from './health-rules';
import type { PendingSubmissionsProvider } from './pending-submissions';
import type { SyncJobRepository } from './sync-job.repository';

export class ConocerHealth {
  constructor(
    private readonly jobs: SyncJobRepository,
    private readonly calls: CallStats,
    private readonly circuit: () => CircuitStateName,
    private readonly pendingSubmissions: PendingSubmissionsProvider,
  ) {}

  async status(): Promise<ConocerSync> {
    const [lastSuccess, lastFinished, pending] = await Promise.all([this.jobs.lastSucceeded(), this.jobs.lastFinished(), this.pendingSubmissions()]);
    const errorRate = this.calls.errorRate();
    const lastSyncTime = lastSuccess?.finishedAt ?? null;
    const syncStatus = healthOf({
      circuit: this.circuit(),
      errorRate,
      lastSuccessAt: lastSyncTime,
      lastFinishedFailed: lastFinished?.status === 'FAILED',
      anySyncRan: lastFinished !== null,
      now: Date.now(),
    });
    return { syncStatus: syncStatus as ConocerSyncHealth, lastSyncTime, pendingSubmissions: pending.count, errorRate };
  }
}
