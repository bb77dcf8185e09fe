import type { EventHandler } from '@academy/event-bus';
import type { CatalogRepository } from './catalog.repository';

/** Published by tenancy when a tenant is created or changed. */
export const TENANT_CHANGED = 'tenant.changed';
export const TENANT_DIRECTORY_CONSUMER_GROUP = 'analytics.tenants';

/** `tenant.changed` → the tenant is known, so bus events naming it pass enrichment. */
export function tenantChangedHandler(catalog: () => CatalogRepository): EventHandler {
  return async (event) => {
    const tenantId = event.tenantId ?? (event.payload as { tenantId?: unknown } | null)?.tenantId;
    if (typeof tenantId === 'string' && tenantId.length > 0 && tenantId.length <= 64) await catalog().rememberTenants([tenantId]);
  };
}
