import { forkWithTenantScope } from '@academy/subgraph-kit';
import type { EntityManager } from '@mikro-orm/core';
import { LearnerEntity } from './modules/learner';
import { TenantEntity } from './modules/tenant';

/** The embedded default's demo tenants; idempotent, so every start can call it. */
export const DEMO_TENANTS = [
  { slug: 'acme', name: 'Acme Capacitación', planCode: 'pro' },
  { slug: 'globex', name: 'Globex Academia', planCode: 'free' },
] as const;

/**
 * The learners of every demo tenant: the ids are the ones analytics' demo progress reports
 * (`progress.seed.ts` there), so the demo's progress events resolve their learners.
 */
export const DEMO_LEARNERS: readonly { id: string; displayName: string }[] = [
  { id: 'ana.lopez', displayName: 'Ana López' },
  { id: 'bruno.garcia', displayName: 'Bruno García' },
  { id: 'carla.mendez', displayName: 'Carla Méndez' },
  { id: 'diego.ruiz', displayName: 'Diego Ruiz' },
  { id: 'elena.torres', displayName: 'Elena Torres' },
  { id: 'fernando.diaz', displayName: 'Fernando Díaz' },
  { id: 'gabriela.rios', displayName: 'Gabriela Ríos' },
  { id: 'hector.vega', displayName: 'Héctor Vega' },
];

/** The demo tenants and their learners; returns the tenants' ids by slug. */
export async function seedDemoTenants(em: EntityManager): Promise<Record<string, string>> {
  const ids: Record<string, string> = {};
  for (const demo of DEMO_TENANTS) {
    const existing = await em.findOne(TenantEntity, { slug: demo.slug });
    const tenant = existing ?? em.create(TenantEntity, { ...demo });
    ids[demo.slug] = tenant.id;
  }
  await em.flush();
  for (const [slug, tenantId] of Object.entries(ids)) await seedDemoLearners(em, tenantId, slug);
  return ids;
}

/** Adds the demo learners a tenant is missing; never changes a learner that exists. */
async function seedDemoLearners(root: EntityManager, tenantId: string, slug: string): Promise<void> {
  // Seeds run outside any request, so they bind the tenant scope themselves: this tenant's rows only.
  const em = forkWithTenantScope(root, { mode: 'tenant', tenantId });
  const existing = new Set((await em.find(LearnerEntity, { tenantId }, { fields: ['id'] })).map((row) => row.id));
  for (const learner of DEMO_LEARNERS) {
    // `.example` is reserved for examples (RFC 2606): these addresses can never reach anyone.
    if (!existing.has(learner.id)) em.create(LearnerEntity, { ...learner, tenantId, email: `${learner.id}@${slug}.example` });
  }
  await em.flush();
}
