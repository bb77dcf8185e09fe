import type { EventBus, Unsubscribe } from '@academy/event-bus';
import type { Logger } from '@academy/service-kit';
import type { ApiKeyDirectory } from '../tenancy/api-key-directory';
import type { TenantDirectory } from '../tenancy/tenant-directory';

export interface CacheInvalidationOptions {
  bus: EventBus;
  tenants: TenantDirectory;
  apiKeys: ApiKeyDirectory;
  logger: Logger;
}

/** The events tenancy publishes when what the gateway caches changes. */
export const INVALIDATING_EVENTS = ['tenant.changed', 'plan.changed', 'api-key.changed'] as const;

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/**
 * Every replica subscribes (broadcast, not a competing group), so suspension, plan changes and key
 * revocation reach each one's memory cache within moments, without a restart.
 */
export function useCacheInvalidation({ bus, tenants, apiKeys, logger }: CacheInvalidationOptions): Promise<Unsubscribe> {
  return bus.broadcast([...INVALIDATING_EVENTS], async (event) => {
    const payload = (event.payload ?? {}) as Record<string, unknown>;
    switch (event.type) {
      case 'tenant.changed': {
        const tenantId = text(payload.tenantId) ?? event.tenantId ?? undefined;
        if (!tenantId) break;
        const customDomains = Array.isArray(payload.customDomains) ? payload.customDomains.filter((d): d is string => typeof d === 'string') : [];
        await tenants.tenantChanged({ tenantId, slug: text(payload.slug), customDomains });
        break;
      }
      case 'plan.changed': {
        const code = text(payload.code);
        if (code) await tenants.planChanged(code);
        break;
      }
      case 'api-key.changed': {
        const keyId = text(payload.keyId);
        if (keyId) await apiKeys.keyChanged(keyId);
        break;
      }
    }
    logger.debug({ type: event.type, eventId: event.id }, 'invalidated cached tenant data');
  });
}
