import type { KeyValueStore } from '@academy/cache';
import type { Logger } from '@academy/service-kit';
import { createTieredCache } from '../tiered-cache';
import type { TenancyClient } from './tenancy-client';
import type { TenantAccess, TenantRef } from './tenant-access';

export interface TenantDirectoryOptions {
  client: TenancyClient;
  /** The shared store (Redis when configured), so replicas share lookups and invalidations. */
  store: KeyValueStore;
  /** @default 30_000 */
  ttlMs?: number;
  /** @default 5_000 */
  negativeTtlMs?: number;
  logger: Logger;
}

/** What a `tenant.changed` event says about the tenant after the change. */
export interface TenantChange {
  tenantId: string;
  slug?: string;
  customDomains?: string[];
}

export interface TenantDirectory {
  /** null when no tenant has that id, slug or domain. */
  lookup(ref: TenantRef, requestId?: string): Promise<TenantAccess | null>;
  tenantChanged(change: TenantChange): Promise<void>;
  planChanged(code: string): Promise<void>;
}

/** Versioned with TenantAccess' shape, so a replica never reads entries another version wrote. */
const NAMESPACE = 'gateway:tenant:v2';
const keyOf = (ref: TenantRef) => `${ref.by}:${ref.value.toLowerCase()}`;
const keysOf = (tenant: Pick<TenantAccess, 'id' | 'slug' | 'customDomains'>) => [
  `id:${tenant.id}`,
  `slug:${tenant.slug}`,
  ...tenant.customDomains.map((domain) => `domain:${domain.toLowerCase()}`),
];

/**
 * Tenant lookups through tenancy, cached in memory and in the shared store. Events make changes
 * visible within moments: a tenant change deletes every key the tenant was cached under (before
 * and after the change); a plan change marks the plan, so stored entries of its tenants read as stale.
 */
export function createTenantDirectory({ client, store, ttlMs = 30_000, negativeTtlMs = 5_000, logger }: TenantDirectoryOptions): TenantDirectory {
  const planMark = (code: string) => `${NAMESPACE}:plan-changed:${code}`;
  const cache = createTieredCache<TenantAccess>({
    namespace: NAMESPACE,
    ttlMs,
    negativeTtlMs,
    store,
    logger,
    isStale: async (tenant, cachedAt) => {
      const mark = await store.get(planMark(tenant.plan)).catch(() => null);
      // A second's margin covers clock differences between the replica that cached and the one that marked.
      return mark !== null && Number(mark) >= cachedAt - 1000;
    },
  });

  const load = async (ref: TenantRef, requestId?: string): Promise<TenantAccess | null> => {
    const found = await client.tenantAccess(ref, requestId);
    // An id-shaped reference may still be a slug (slugs may look like UUIDs).
    return found ?? (ref.by === 'id' ? client.tenantAccess({ by: 'slug', value: ref.value }, requestId) : null);
  };

  return {
    lookup: (ref, requestId) => cache.get(keyOf(ref), () => load(ref, requestId)),

    async tenantChanged({ tenantId, slug, customDomains = [] }) {
      const keys = new Set([`id:${tenantId}`, ...(slug ? [`slug:${slug}`] : []), ...customDomains.map((d) => `domain:${d.toLowerCase()}`)]);
      // The old slug and domains are only known from what was cached before the change.
      for (const [key, tenant] of cache.memoryEntries()) if (tenant?.id === tenantId) keys.add(key);
      const stored = await cache.peekStore(`id:${tenantId}`).catch(() => undefined);
      if (stored) for (const key of keysOf(stored)) keys.add(key);
      await cache.invalidate(keys);
    },

    async planChanged(code) {
      const plan = code.toUpperCase();
      await store.set(planMark(plan), String(Date.now()), ttlMs + 5_000).catch((error: unknown) => logger.warn({ err: error, plan }, 'could not mark the plan as changed'));
      await cache.invalidate(cache.memoryEntries().flatMap(([key, tenant]) => (tenant?.plan === plan ? [key] : [])));
    },
  };
}
