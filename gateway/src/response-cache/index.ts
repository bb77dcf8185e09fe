export { createResponseStore, type ResponseStore } from './cached-response';
export { INVALIDATION_RULES } from './invalidation-rules';
export { Invalidations, subscribeInvalidations } from './invalidations';
export { createResponseCacheMetrics } from './response-cache-metrics';
export { RESPONSE_CACHE_OFF_FLAG, type ResponseCache, useResponseCache } from './use-response-cache';
export { createResponseCache } from './create-response-cache';
