export { createTenancyService, type TenancyServiceOptions } from './create-tenancy-service';
export { loadTenancyEnvironment, type TenancyEnvironment, tenancyEnvironmentSchema } from './environment';
export { buildTenancySchema } from './schema';
export { DEMO_TENANTS, seedDemoTenants } from './seed';
