import type { Database, SubgraphContext } from '@academy/subgraph-kit';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { createProgressLoaders, ProgressEventRepository, type ProgressLoaders, ProgressService } from './modules/progress';
import { ApiRequestRepository, ApiUsageService } from './modules/usage';

export interface AnalyticsContext extends SubgraphContext {
  progress: ProgressService;
  loaders: ProgressLoaders;
  usage: ApiUsageService;
}

export function createAnalyticsContext(base: SubgraphContext, { database }: { database: Database }): AnalyticsContext {
  // Both drivers the kit runs (PostgreSQL, SQLite) are SQL drivers, so the fork is a SqlEntityManager.
  const em = base.em as SqlEntityManager;
  const progress = new ProgressService(base.em, new ProgressEventRepository(em), base.principal);
  const usage = new ApiUsageService(new ApiRequestRepository(em, database.dialect), base.principal);
  return { ...base, progress, loaders: createProgressLoaders(progress), usage };
}
