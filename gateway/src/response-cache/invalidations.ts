import type { EventBus, Unsubscribe } from '@academy/event-bus';
import type { Logger } from '@academy/service-kit';
import { INVALIDATION_RULES } from './invalidation-rules';

const ALL_TENANTS = '*';

/**
 * When each (tenant, type) was last invalidated, as this replica learnt it from the bus. Every replica
 * subscribes (broadcast), so checking an entry costs no extra round trip to the store: an entry is
 * stale when one of its types was invalidated after the request that stored it started. A replica
 * does not know what happened before it subscribed, so it serves no entry stored before then.
 */
export class Invalidations {
  private readonly last = new Map<string, number>();
  private readonly since = Date.now();

  invalidate(tenantId: string | null, tags: readonly string[], at = Date.now()): void {
    for (const tag of tags) this.last.set(`${tenantId ?? ALL_TENANTS}|${tag}`, at);
  }

  isStale(tenantId: string, tags: readonly string[], storedAt: number): boolean {
    if (storedAt < this.since) return true;
    return tags.some((tag) => (this.last.get(`${tenantId}|${tag}`) ?? 0) >= storedAt || (this.last.get(`${ALL_TENANTS}|${tag}`) ?? 0) >= storedAt);
  }
}

export function subscribeInvalidations(bus: EventBus, invalidations: Invalidations, logger: Logger): Promise<Unsubscribe> {
  return bus.broadcast(Object.keys(INVALIDATION_RULES), async (event) => {
    const tags = INVALIDATION_RULES[event.type] ?? [];
    invalidations.invalidate(event.tenantId, tags);
    logger.debug({ type: event.type, eventId: event.id, tenantId: event.tenantId, tags }, 'invalidated cached responses');
  });
}
