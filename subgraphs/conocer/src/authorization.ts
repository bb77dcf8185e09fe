import { type applyAuthorization, chain, hasScope, isPublic } from '@academy/subgraph-kit';

/**
 * The standards catalog is public: anonymous visitors browse it. Partners calling with an API key
 * (or HMAC) must hold `standards:read` for it, like for any other data; `hasScope` lets every other
 * kind of caller through. The type fields carry the same rule because `_entities` reaches them
 * without a root field (e.g. a partner reading `ProgressEvent.standard` through the gateway).
 */
const catalog = chain(isPublic, hasScope('standards:read'));

/** `applyAuthorization` denies every field not listed. */
export const conocerRules: Parameters<typeof applyAuthorization>[1] = {
  Query: {
    competencyStandard: catalog,
    competencyStandards: catalog,
    competencySectors: catalog,
  },
  CompetencyStandard: catalog,
  CompetencyStandardConnection: catalog,
  CompetencyStandardEdge: catalog,
  PageInfo: catalog,
  Sector: catalog,
};
