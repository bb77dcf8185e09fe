import type { ApolloServerPlugin, GraphQLRequestContext } from '@apollo/server';
import type { GatewayContext } from '../context';
import { cacheKeysOf } from './cache-key';
import { cacheTagsOf } from './cache-tags';
import type { CachedResponse, ResponseStore } from './cached-response';
import type { Invalidations } from './invalidations';
import type { ResponseCacheMetrics } from './response-cache-metrics';

/** A tenant with this feature flag is never cached. */
export const RESPONSE_CACHE_OFF_FLAG = 'response-cache-off';

export interface ResponseCache {
  store: ResponseStore;
  invalidations: Invalidations;
  metrics: ResponseCacheMetrics;
}

type Keys = NonNullable<ReturnType<typeof cacheKeysOf>>;

function keysIfCacheable(rc: GraphQLRequestContext<GatewayContext>): Keys | null {
  if (rc.operation?.operation !== 'query') return null;
  if (rc.contextValue.tenant?.featureFlags.includes(RESPONSE_CACHE_OFF_FLAG)) return null;
  return cacheKeysOf(rc);
}

/**
 * Whole-response cache for queries (never mutations or subscriptions), per tenant. The policy is the
 * one Apollo Server computes from the subgraphs' `Cache-Control` headers: cacheable only when every
 * subgraph call was, for the shortest max-age, PRIVATE when any part was. PUBLIC entries are shared
 * by callers with the same authorization (see cache-key.ts); PRIVATE ones belong to one principal and
 * are not stored for anonymous callers. Responses with errors are never stored.
 *
 * `cache` is a getter because the store is known only once access control is set up; undefined: off.
 *
 * Runs after demand control's admission, so a hit is rate-limited and costed like a miss (its actual
 * cost is that of the data served): limits do not depend on what happens to be cached.
 */
export function useResponseCache(cache: () => ResponseCache | undefined): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      const current = cache();
      if (!current) return;
      const { store, invalidations, metrics } = current;
      const fresh = (entry: CachedResponse | null, tenantId: string): CachedResponse | null => {
        if (!entry) return null;
        if (!invalidations.isStale(tenantId, entry.tags, entry.storedAt)) return entry;
        metrics.count('stale');
        return null;
      };
      let keys: Keys | null = null;
      let startedAt = 0;
      let hit = false;
      return {
        async responseForOperation(rc) {
          keys = keysIfCacheable(rc);
          if (!keys) return null;
          startedAt = Date.now();
          const tenantId = keys.tenantId;
          let entry: CachedResponse | null;
          try {
            const [own, shared] = await Promise.all([keys.private ? store.get(keys.private) : null, store.get(keys.public)]);
            entry = fresh(own, tenantId) ?? fresh(shared, tenantId);
          } catch (error) {
            rc.contextValue.logger.warn({ err: error }, 'response cache lookup failed; answering without it');
            metrics.count('store_error');
            keys = null;
            return null;
          }
          const age = entry ? Math.max(0, Math.floor((startedAt - entry.storedAt) / 1000)) : 0;
          if (!entry || age >= entry.maxAge) {
            metrics.count('miss');
            rc.response.http.headers.set('x-cache', 'MISS');
            return null;
          }
          hit = true;
          metrics.count('hit');
          rc.overallCachePolicy.restrict({ maxAge: entry.maxAge, scope: entry.scope });
          rc.response.http.headers.set('x-cache', 'HIT');
          rc.response.http.headers.set('age', String(age));
          return { http: rc.response.http, body: { kind: 'single', singleResult: { data: entry.data } } };
        },

        async willSendResponse(rc) {
          if (!keys || hit || rc.response.body.kind !== 'single') return;
          const { data, errors } = rc.response.body.singleResult;
          const policy = rc.overallCachePolicy.policyIfCacheable();
          if (!data || errors?.length || !policy || !rc.document || !rc.schema) return;
          const key = policy.scope === 'PRIVATE' ? keys.private : keys.public;
          if (!key) return;
          const entry: CachedResponse = { data, tags: cacheTagsOf(rc.schema, rc.document), storedAt: startedAt, maxAge: policy.maxAge, scope: policy.scope };
          try {
            await store.set(key, entry);
            metrics.count('stored');
          } catch (error) {
            rc.contextValue.logger.warn({ err: error }, 'response cache write failed');
            metrics.count('store_error');
          }
        },
      };
    },
  };
}
