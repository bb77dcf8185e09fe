import { Counter, type Registry } from '@academy/service-kit';

export type CacheOutcome = 'hit' | 'miss' | 'stale' | 'stored' | 'store_error';

export function createResponseCacheMetrics(registry: Registry) {
  const lookups = new Counter({
    name: 'academy_gateway_response_cache_total',
    help: 'Whole-response cache: hit, miss, stale (invalidated by an event), stored, store_error (the store failed or was slow; the request was served without the cache).',
    labelNames: ['outcome'],
    registers: [registry],
  });
  return { count: (outcome: CacheOutcome) => lookups.inc({ outcome }) };
}

export type ResponseCacheMetrics = ReturnType<typeof createResponseCacheMetrics>;
