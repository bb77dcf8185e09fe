import type { CacheHints } from '@academy/subgraph-kit';

/**
 * The tenant's course catalog is the same for every caller allowed to read it (the gateway keys cached
 * responses by tenant and roles). It has no change event, so it is kept briefly. Progress, usage and
 * pipeline data carry no hint and are never cached.
 */
export const analyticsCacheHints: CacheHints = {
  'Query.courses': { maxAge: 60, scope: 'PUBLIC' },
};
