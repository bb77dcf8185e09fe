import type { EntityManager } from '@mikro-orm/core';
import { TenantEntity } from './modules/tenant';

/** The embedded default's demo tenants; idempotent, so every start can call it. */
export const DEMO_TENANTS = [
  { slug: 'acme', name: 'Acme Capacitación', planCode: 'pro' },
  { slug: 'globex', name: 'Globex Academia', planCode: 'free' },
] as const;

export async function seedDemoTenants(em: EntityManager): Promise<Record<string, string>> {
  const ids: Record<string, string> = {};
  for (const demo of DEMO_TENANTS) {
    const existing = await em.findOne(TenantEntity, { slug: demo.slug });
    const tenant = existing ?? em.create(TenantEntity, { ...demo });
    ids[demo.slug] = tenant.id;
  }
  await em.flush();
  return ids;
}
