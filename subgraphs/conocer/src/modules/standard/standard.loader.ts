import DataLoader from 'dataloader';
import type { StandardService } from './standard.service';
import type { CompetencyStandard } from './standard.type';

export interface ConocerLoaders {
  /** Keyed by code alone: the catalog is public, the same for every tenant. */
  standardByCode: DataLoader<string, CompetencyStandard | undefined>;
}

/** Built per request, so batching never mixes callers and caches die with the request. */
export function createConocerLoaders(standards: StandardService): ConocerLoaders {
  return {
    standardByCode: new DataLoader((codes) => standards.byCodes(codes)),
  };
}
