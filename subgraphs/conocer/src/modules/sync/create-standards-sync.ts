import { type ClosableConocerClient, createConocerClient } from '@academy/conocer-client';
import { createCircuitMetrics, type Logger, type Registry } from '@academy/service-kit';
import type { Infrastructure } from '@academy/subgraph-kit';
import type { MikroORM } from '@mikro-orm/core';
import type { ConocerEnvironment } from '../../environment';
import type { CatalogCache } from '../standard';
import { CallStats } from './call-stats';
import { ConocerHealth } from './conocer-health';
import { createConocerMetrics } from './conocer-metrics';
import { noPendingSubmissions, type PendingSubmissionsProvider } from './pending-submissions';
import { StandardsSyncService } from './standards-sync.service';
import { SyncJobRepository } from './sync-job.repository';
import { SyncLock } from './sync-lock';
import { type SyncSchedule, startSyncSchedule } from './sync-schedule';

export interface StandardsSyncModuleOptions {
  env: ConocerEnvironment;
  orm: MikroORM;
  infrastructure: Infrastructure;
  catalogCache: CatalogCache;
  logger: Logger;
  /** Where the sync, call and backlog families go (the service's `/metrics`). */
  metrics: Registry;
  /** @default no submissions (0) */
  pendingSubmissions?: PendingSubmissionsProvider;
}

export interface StandardsSyncModule {
  /** The service's one CONOCER client: one token, one circuit, one error rate for every caller. */
  client: ClosableConocerClient;
  standardsSync: StandardsSyncService;
  syncJobs: SyncJobRepository;
  conocerHealth: ConocerHealth;
  schedule: SyncSchedule;
  close(): Promise<void>;
}

/** The CONOCER client, the standards sync with its schedule, and the integration's health. */
export function createStandardsSyncModule({ env, orm, infrastructure, catalogCache, logger, metrics, pendingSubmissions = noPendingSubmissions }: StandardsSyncModuleOptions): StandardsSyncModule {
  const calls = new CallStats();
  const syncJobs = new SyncJobRepository(orm);
  const conocerMetrics = createConocerMetrics(metrics, syncJobs, pendingSubmissions);
  const client = createConocerClient({
    baseUrl: env.CONOCER_API_URL,
    clientId: env.CONOCER_CLIENT_ID,
    clientSecret: env.CONOCER_CLIENT_SECRET,
    timeoutMs: env.CONOCER_TIMEOUT_MS,
    maxAttempts: env.CONOCER_MAX_ATTEMPTS,
    breaker: { failureThreshold: env.CONOCER_BREAKER_FAILURE_THRESHOLD, halfOpenAfterMs: env.CONOCER_BREAKER_HALF_OPEN_AFTER_MS },
    ...(env.CONOCER_PINNED_CERT_SHA256.length > 0 && { pinnedCertificateSha256: env.CONOCER_PINNED_CERT_SHA256 }),
    audit: (call) => {
      calls.record(call);
      conocerMetrics.call(call);
    },
    logger,
  });
  const unwatchCircuit = createCircuitMetrics(metrics).watch('conocer-api', { state: () => client.circuitState(), onStateChange: (listener) => client.onCircuitChange(listener) });
  const standardsSync = new StandardsSyncService({ orm, client, jobs: syncJobs, lock: new SyncLock(infrastructure.store), bus: infrastructure.bus, cache: catalogCache, logger, metrics: conocerMetrics });
  const conocerHealth = new ConocerHealth(syncJobs, calls, () => client.circuitState(), pendingSubmissions);
  const schedule = startSyncSchedule(
    env.STANDARDS_SYNC_SCHEDULE,
    env.STANDARDS_SYNC_TIMEZONE,
    async () => {
      try {
        await standardsSync.start('INCREMENTAL', 'SCHEDULE', null);
      } catch (error) {
        // Another replica took this tick: expected with several replicas, nothing to report.
        if ((error as { extensions?: { code?: string } }).extensions?.code === 'CONFLICT') return logger.debug('scheduled standards sync already running elsewhere');
        throw error;
      }
    },
    logger,
  );
  return {
    client,
    standardsSync,
    syncJobs,
    conocerHealth,
    schedule,
    close: async () => {
      schedule.stop();
      unwatchCircuit();
      await standardsSync.close();
      client.close();
    },
  };
}
