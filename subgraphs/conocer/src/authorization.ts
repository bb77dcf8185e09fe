import { allow, type applyAuthorization, chain, hasRole, hasScope, isAuthenticated, isPublic } from '@academy/subgraph-kit';

/**
 * The standards catalog is public: anonymous visitors browse it. Partners calling with an API key
 * (or HMAC) must hold `standards:read` for it, like for any other data; `hasScope` lets every other
 * kind of caller through. The type fields carry the same rule because `_entities` reaches them
 * without a root field (e.g. a partner reading `ProgressEvent.standard` through the gateway).
 */
const catalog = chain(isPublic, hasScope('standards:read'));

/** The catalog and the CONOCER integration are platform-wide: only platform operators sync them or see their health. */
const platformAdmin = chain(isAuthenticated, hasRole('platform_admin'));

/** `applyAuthorization` denies every field not listed. */
export const conocerRules: Parameters<typeof applyAuthorization>[1] = {
  Query: {
    competencyStandard: catalog,
    competencyStandards: catalog,
    competencySectors: catalog,
    standardsSyncJob: platformAdmin,
    standardsSyncJobs: platformAdmin,
    conocerSync: platformAdmin,
  },
  Mutation: {
    syncCompetencyStandards: platformAdmin,
  },
  CompetencyStandard: catalog,
  CompetencyStandardConnection: catalog,
  CompetencyStandardEdge: catalog,
  PageInfo: catalog,
  Sector: catalog,
  // Reachable only through the guarded fields above.
  StandardsSyncJob: allow,
  StandardsSyncProgress: allow,
  StandardsSyncReport: allow,
  StandardsSyncFailure: allow,
  ConocerSync: allow,
};
