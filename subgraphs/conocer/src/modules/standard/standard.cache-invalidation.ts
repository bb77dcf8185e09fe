import type { EventBus, Unsubscribe } from '@academy/event-bus';
import type { Logger } from '@academy/service-kit';
import type { CatalogCache } from './standard.cache';
import { STANDARDS_SYNCED } from './standard.events';

/**
 * Every replica listens (broadcast): with Redis the first bump suffices and the others are harmless;
 * with per-process memory stores each replica must drop its own answers.
 */
export function startCatalogCacheInvalidation(bus: EventBus, cache: CatalogCache, logger: Logger): Promise<Unsubscribe> {
  return bus.broadcast([STANDARDS_SYNCED], async (event) => {
    await cache.invalidate();
    logger.info({ eventId: event.id }, 'standards changed: catalog cache invalidated');
  });
}
