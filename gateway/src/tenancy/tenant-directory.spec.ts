import { createMemoryStore } from '@academy/cache';
import { createInProcessEventBus, newEvent } from '@academy/event-bus';
import { createLogger } from '@academy/service-kit';
import { describe, expect, it } from 'vitest';
import { useCacheInvalidation } from '../plugins/use-cache-invalidation';
import { createApiKeyDirectory } from './api-key-directory';
import type { TenancyClient } from './tenancy-client';
import type { TenantAccess, TenantRef } from './tenant-access';
import { createTenantDirectory } from './tenant-directory';

const logger = createLogger({ service: 'directory-spec', level: 'silent' });
const LIMITS = { maxOperationCost: 1, bucketCapacity: 1, restoreRatePerSecond: 1, requestsPerMinute: 1, callerRequestsPerMinute: 1, maxDepth: 1, maxAliases: 1, maxRootFields: 1, maxTokens: 1, maxDocumentBytes: 1, maxSubscriptions: 1 };

/** A tenancy whose data the test edits, counting lookups. */
function fakeTenancy(tenants: TenantAccess[]) {
  const lookups: TenantRef[] = [];
  const client: TenancyClient = {
    async tenantAccess(ref) {
      lookups.push(ref);
      const found = tenants.find((t) => (ref.by === 'id' ? t.id === ref.value : ref.by === 'slug' ? t.slug === ref.value : t.customDomains.includes(ref.value)));
      return found ? structuredClone(found) : null;
    },
    apiKeyAccess: async () => null,
  };
  return { client, lookups };
}

const acme = (): TenantAccess => ({
  id: '11111111-1111-4111-8111-111111111111',
  slug: 'acme',
  name: 'Acme',
  status: 'ACTIVE',
  plan: 'PRO',
  limits: { ...LIMITS, maxDepth: 10 },
  customDomains: ['cursos.acme.mx'],
  corsOrigins: [],
  featureFlags: [],
  apiVersion: '2026-11',
  introspection: false,
  costExtensions: false,
});

async function setup() {
  const tenant = acme();
  const tenancy = fakeTenancy([tenant]);
  const store = createMemoryStore();
  const bus = createInProcessEventBus({ logger });
  const directory = createTenantDirectory({ client: tenancy.client, store, logger });
  // A second replica: own memory, same store and bus.
  const replica = createTenantDirectory({ client: tenancy.client, store, logger });
  for (const tenants of [directory, replica]) await useCacheInvalidation({ bus, tenants, apiKeys: createApiKeyDirectory({ client: tenancy.client, logger }), logger });
  const deliver = async (type: string, payload: Record<string, unknown>) => {
    await bus.publish(newEvent(type, null, payload));
    await new Promise((resolve) => setTimeout(resolve, 20));
  };
  return { tenant, tenancy, directory, replica, deliver };
}

describe('tenant directory', () => {
  it('serves repeated lookups from cache, and a replica from the shared store', async () => {
    const { tenancy, directory, replica } = await setup();
    await directory.lookup({ by: 'slug', value: 'acme' });
    await directory.lookup({ by: 'slug', value: 'acme' });
    await replica.lookup({ by: 'slug', value: 'acme' });
    expect(tenancy.lookups).toHaveLength(1);
  });

  it('forgets every key of a changed tenant, including a slug and domain it no longer has', async () => {
    const { tenant, directory, replica, deliver } = await setup();
    await directory.lookup({ by: 'slug', value: 'acme' });
    await replica.lookup({ by: 'domain', value: 'cursos.acme.mx' });
    tenant.slug = 'acme-mx';
    tenant.customDomains = ['learn.acme.mx'];
    tenant.status = 'SUSPENDED';
    await deliver('tenant.changed', { tenantId: tenant.id, slug: 'acme-mx', customDomains: ['learn.acme.mx'] });
    for (const dir of [directory, replica]) {
      expect(await dir.lookup({ by: 'slug', value: 'acme' })).toBeNull();
      expect(await dir.lookup({ by: 'domain', value: 'cursos.acme.mx' })).toBeNull();
      expect(await dir.lookup({ by: 'slug', value: 'acme-mx' })).toMatchObject({ status: 'SUSPENDED' });
    }
  });

  it('reloads tenants of a changed plan on every replica, from memory and from the shared store', async () => {
    const { tenant, directory, replica, deliver } = await setup();
    expect((await directory.lookup({ by: 'id', value: tenant.id }))?.limits.maxDepth).toBe(10);
    tenant.limits.maxDepth = 12;
    await deliver('plan.changed', { code: 'pro' });
    expect((await directory.lookup({ by: 'id', value: tenant.id }))?.limits.maxDepth).toBe(12);
    // The replica never cached it in memory; the store's entry predates the change and is not used.
    tenant.limits.maxDepth = 15;
    await deliver('plan.changed', { code: 'PRO' });
    expect((await replica.lookup({ by: 'id', value: tenant.id }))?.limits.maxDepth).toBe(15);
  });

  it('finds a tenant whose slug looks like an id', async () => {
    const { tenant, directory } = await setup();
    tenant.slug = 'abcdefab-abcd-4bcd-abcd-abcdefabcdef';
    expect(await directory.lookup({ by: 'id', value: tenant.slug })).toMatchObject({ id: tenant.id });
  });
});
