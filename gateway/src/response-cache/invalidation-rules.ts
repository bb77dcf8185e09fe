/**
 * Which cached types a domain event makes stale. Events that name a tenant invalidate that tenant's
 * entries; platform-wide events (`tenantId: null`, e.g. a RENEC sync) invalidate every tenant's.
 * Data whose changes publish no event (the analytics course catalog) relies on its short max-age.
 */
export const INVALIDATION_RULES: Readonly<Record<string, readonly string[]>> = {
  /** conocer, after a RENEC catalog sync. */
  'standards.synced': ['CompetencyStandard', 'Sector'],
  /** tenancy, after any change to a tenant, its settings, plan or overrides. */
  'tenant.changed': ['Tenant', 'TenantSettings', 'PlanLimits', 'PlanLimitsOverride'],
  /** tenancy, when a plan's limits change. */
  'plan.changed': ['Plan', 'PlanLimits'],
};
