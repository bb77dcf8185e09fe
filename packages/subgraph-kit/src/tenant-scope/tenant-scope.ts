import type { Principal } from '@academy/service-kit';
import type { EntityManager } from '@mikro-orm/core';

/** The name of the MikroORM filter every `@TenantScoped()` entity carries. */
export const TENANT_FILTER = 'tenant';

/**
 * Which tenants' rows an EntityManager may read and write:
 * - `tenant`: one tenant's rows only (every caller acting inside a tenant);
 * - `none`: no rows at all (a caller without a tenant owns no tenant data);
 * - `all`: every tenant's rows (platform operators, the gateway's own calls, seeds and jobs).
 */
export type TenantScope = { mode: 'tenant'; tenantId: string } | { mode: 'none' } | { mode: 'all' };

/** For code that runs outside any request (seeds, migrations, jobs) and says so explicitly. */
export const ALL_TENANTS: TenantScope = Object.freeze({ mode: 'all' });

/**
 * The scope a request runs in, from the principal the gateway signed. Cross-tenant reads are the
 * exception and are spelled out here, the one place that grants them.
 */
export function tenantScopeOf(principal: Principal): TenantScope {
  // The gateway on its own behalf resolves tenants and API keys before any tenant is known.
  if (principal.authMethod === 'service') return { mode: 'all' };
  // Marketplace operators act across tenants by definition; every other role is bound to its tenant.
  if (principal.roles.includes('platform_admin')) return { mode: 'all' };
  if (principal.tenantId !== null) return { mode: 'tenant', tenantId: principal.tenantId };
  // An anonymous or tenant-less caller gets a filter that matches nothing, not an unfiltered one.
  return { mode: 'none' };
}

/**
 * A fork of `em` whose tenant filter is bound to `scope`. An EntityManager without a scope refuses to
 * query tenant-scoped entities at all (MikroORM: "No arguments provided for filter 'tenant'"), so a
 * forgotten scope fails loudly instead of reading every tenant. Nested forks and transactions inherit it.
 */
export function forkWithTenantScope<T extends EntityManager>(em: T, scope: TenantScope): T {
  const fork = em.fork();
  fork.setFilterParams(TENANT_FILTER, { ...scope });
  return fork;
}

/** The scope bound to `em`, or undefined when none was set. */
export function tenantScopeOfEntityManager(em: EntityManager): TenantScope | undefined {
  return em.getFilterParams<TenantScope>(TENANT_FILTER);
}
