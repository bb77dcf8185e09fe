export { TenantEntity } from './tenant.entity';
export { CreateTenantInput, UpdateTenantInput } from './tenant.input';
export { createTenancyLoaders, type TenancyLoaders } from './tenant.loader';
export { tenantReference } from './tenant.reference';
export { TenantResolver } from './tenant.resolver';
export { TenantService } from './tenant.service';
export { Tenant, TenantStatus } from './tenant.type';
