import type { SubgraphContext } from '@academy/subgraph-kit';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { type CatalogCache, type ConocerLoaders, createConocerLoaders, StandardService } from './modules/standard';
import type { ConocerHealth, StandardsSyncService, SyncJobRepository } from './modules/sync';

/** Process-wide parts the request context hands to resolvers. */
export interface ConocerShared {
  catalogCache: CatalogCache;
  standardsSync: StandardsSyncService;
  syncJobs: SyncJobRepository;
  conocerHealth: ConocerHealth;
}

export interface ConocerContext extends SubgraphContext, Omit<ConocerShared, 'catalogCache'> {
  standards: StandardService;
  loaders: ConocerLoaders;
}

export function createConocerContext(base: SubgraphContext, { catalogCache, ...shared }: ConocerShared): ConocerContext {
  // Both drivers the kit configures (PostgreSQL, better-sqlite) are SQL drivers, so the fork is a SqlEntityManager.
  const standards = new StandardService(base.em as SqlEntityManager, catalogCache);
  return { ...base, ...shared, standards, loaders: createConocerLoaders(standards) };
}
