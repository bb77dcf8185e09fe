export { createTenancyService, type TenancyServiceOptions } from './create-tenancy-service';
export { DEVELOPMENT_API_KEY_SIGNING_KEY, loadTenancyEnvironment, type TenancyEnvironment, tenancyEnvironmentSchema } from './environment';
export { CONSUMER_GROUP, EVENT } from './events';
export type { ApiKeyChangedPayload, ApiKeyUsedPayload, AuditRecordedPayload, PlanChangedPayload, TenantChangedPayload } from './events';
export { API_KEY_SCOPES } from './modules/api-key';
export { buildTenancySchema } from './schema';
export { DEMO_LEARNERS, DEMO_TENANTS, seedDemoTenants } from './seed';
