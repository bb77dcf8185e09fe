export { ALL_TENANTS, forkWithTenantScope, TENANT_FILTER, type TenantScope, tenantScopeOf, tenantScopeOfEntityManager } from './tenant-scope';
export { TenantScoped, TenantScopeViolation } from './tenant-scoped';
