import type { KeyValueStore } from '@academy/cache';
import type { EventBus, Unsubscribe } from '@academy/event-bus';
import type { Logger, Registry } from '@academy/service-kit';
import { createResponseStore } from './cached-response';
import { Invalidations, subscribeInvalidations } from './invalidations';
import { createResponseCacheMetrics } from './response-cache-metrics';
import type { ResponseCache } from './use-response-cache';

export interface CreateResponseCacheOptions {
  /** Redis in multi-tenant deployments (shared by replicas), else in-process. */
  store: KeyValueStore;
  /** Invalidating domain events; without a bus, entries live until their max-age. */
  bus?: EventBus;
  /** A lookup or write slower than this is abandoned and the request served without the cache. */
  timeoutMs: number;
  logger: Logger;
  metrics: Registry;
}

export async function createResponseCache({ store, bus, timeoutMs, logger, metrics }: CreateResponseCacheOptions): Promise<ResponseCache & { close: Unsubscribe }> {
  const invalidations = new Invalidations();
  const close = bus ? await subscribeInvalidations(bus, invalidations, logger) : async () => {};
  return { store: createResponseStore(store, timeoutMs), invalidations, metrics: createResponseCacheMetrics(metrics), close };
}
