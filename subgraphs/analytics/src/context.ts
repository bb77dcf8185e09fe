import type { SubgraphContext } from '@academy/subgraph-kit';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { createProgressLoaders, ProgressEventRepository, type ProgressLoaders, ProgressService } from './modules/progress';

export interface AnalyticsContext extends SubgraphContext {
  progress: ProgressService;
  loaders: ProgressLoaders;
}

export function createAnalyticsContext(base: SubgraphContext): AnalyticsContext {
  // Both drivers the kit runs (PostgreSQL, SQLite) are SQL drivers, so the fork is a SqlEntityManager.
  const repository = new ProgressEventRepository(base.em as SqlEntityManager);
  const progress = new ProgressService(base.em, repository, base.principal);
  return { ...base, progress, loaders: createProgressLoaders(progress) };
}
