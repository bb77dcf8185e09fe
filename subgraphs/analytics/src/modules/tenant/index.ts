export { tenantReference } from './tenant.reference';
export { TenantResolver } from './tenant.resolver';
export { Tenant } from './tenant.type';
