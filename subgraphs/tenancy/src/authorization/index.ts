export { canAdministerTenant, canReadTenant, isPartner, isPlatformAdmin } from './principal-policy';
export { tenancyRules } from './tenancy-rules';
