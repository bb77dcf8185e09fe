import type { Database, Infrastructure, LiveFeed, SubgraphContext } from '@academy/subgraph-kit';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { LivePublisher } from './modules/live';
import { createProgressLoaders, ProgressEventRepository, type ProgressLoaders, ProgressService } from './modules/progress';
import { ApiRequestRepository, ApiUsageService } from './modules/usage';

export interface AnalyticsContext extends SubgraphContext {
  progress: ProgressService;
  loaders: ProgressLoaders;
  usage: ApiUsageService;
  /** Events streamed to this replica's subscribers. */
  live: LiveFeed;
}

export interface AnalyticsRuntime {
  database: Database;
  infrastructure: Infrastructure;
  live: LiveFeed;
}

export function createAnalyticsContext(base: SubgraphContext, { database, infrastructure, live }: AnalyticsRuntime): AnalyticsContext {
  // Both drivers the kit runs (PostgreSQL, SQLite) are SQL drivers, so the fork is a SqlEntityManager.
  const em = base.em as SqlEntityManager;
  const publisher = new LivePublisher(infrastructure.bus, base.logger);
  const progress = new ProgressService(base.em, new ProgressEventRepository(em), base.principal, publisher);
  const usage = new ApiUsageService(new ApiRequestRepository(em, database.dialect), base.principal);
  return { ...base, progress, loaders: createProgressLoaders(progress), usage, live };
}
