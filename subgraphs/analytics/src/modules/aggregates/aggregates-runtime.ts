import type { KeyValueStore } from '@academy/cache';
import type { Logger } from '@academy/service-kit';
import { ALL_TENANTS, type Database, forkWithTenantScope } from '@academy/subgraph-kit';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { AggregateCache } from './aggregate-cache';
import { AggregateJob } from './aggregate-job';
import { AggregateScheduler } from './aggregate-scheduler';

export interface AggregatesRuntimeOptions {
  database: Database;
  store: KeyValueStore;
  logger: Logger;
  /** How often the job looks for due periods. */
  intervalMs: number;
  /** How long aggregate answers are cached. */
  cacheTtlMs: number;
}

export interface AggregatesRuntime {
  job: AggregateJob;
  cache: AggregateCache;
  scheduler: AggregateScheduler;
}

/** The job (all tenants' rows), its scheduler and the answer cache; `scheduler.start()` begins the runs. */
export function createAggregatesRuntime({ database, store, logger, intervalMs, cacheTtlMs }: AggregatesRuntimeOptions): AggregatesRuntime {
  const log = logger.child({ component: 'aggregates' });
  const job = new AggregateJob(forkWithTenantScope(database.orm.em, ALL_TENANTS) as SqlEntityManager, database.dialect, log);
  const cache = new AggregateCache({ store, ttlMs: cacheTtlMs, logger: log });
  return { job, cache, scheduler: new AggregateScheduler({ job, cache, logger: log, intervalMs }) };
}
