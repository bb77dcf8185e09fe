import type { SubgraphContext } from '@academy/subgraph-kit';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { type ConocerLoaders, createConocerLoaders, StandardService } from './modules/standard';

export interface ConocerContext extends SubgraphContext {
  standards: StandardService;
  loaders: ConocerLoaders;
}

export function createConocerContext(base: SubgraphContext): ConocerContext {
  // Both drivers the kit configures (PostgreSQL, better-sqlite) are SQL drivers, so the fork is a SqlEntityManager.
  const standards = new StandardService(base.em as SqlEntityManager);
  return { ...base, standards, loaders: createConocerLoaders(standards) };
}
