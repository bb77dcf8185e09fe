export { TenantEntity } from './tenant.entity';
export { TenantDomainEntity } from './tenant-domain.entity';
export { CreateTenantInput, UpdateTenantInput } from './tenant.input';
export { createTenancyLoaders, type TenancyLoaders } from './tenant.loader';
export { tenantReference } from './tenant.reference';
export { TenantResolver } from './tenant.resolver';
export { TenantService, toTenant } from './tenant.service';
export { Tenant, TenantStatus } from './tenant.type';
