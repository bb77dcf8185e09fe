import type { CacheHints } from '@academy/subgraph-kit';

/** RENEC changes a few times a year and a sync publishes `standards.synced`, which also clears cached copies. */
const CATALOG = { maxAge: 3600, scope: 'PUBLIC' } as const;

/**
 * What of conocer's data may be cached, and for how long. Only the standards catalog: it is the same
 * for every caller of a tenant. Certifications, notifications and everything about a learner carry no
 * hint, so a response that includes them is never cached.
 */
export const conocerCacheHints: CacheHints = {
  'Query.competencyStandard': CATALOG,
  'Query.competencyStandards': CATALOG,
  'Query.competencySectors': CATALOG,
  CompetencyStandard: CATALOG,
  Sector: CATALOG,
  CompetencyStandardConnection: { inheritMaxAge: true },
  CompetencyStandardEdge: { inheritMaxAge: true },
  PageInfo: { inheritMaxAge: true },
};
