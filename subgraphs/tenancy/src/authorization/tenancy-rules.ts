import { allow, type applyAuthorization, isAuthenticated, isPublic, isService } from '@academy/subgraph-kit';
import { guard, guardTenant } from './guard';
import { canAdministerTenant, canReadTenant, requireKeyManager, requirePlatformAdmin, requireTenantAdministrator } from './principal-policy';

const platformAdmin = guard(requirePlatformAdmin);
const tenantAdministrator = guard(requireTenantAdministrator);
const keyManager = guard(requireKeyManager);

/** The services return only tenants the caller may read; this repeats the check on every field. */
const tenantReader = guardTenant('tenantReader', canReadTenant, 'Not your tenant');
const tenantAdministratorOfParent = guardTenant('tenantAdministratorOfParent', canAdministerTenant, 'Requires the tenant_admin role of this tenant');

/**
 * Who may use which field of tenancy (deny by default: a field missing here is refused). Which
 * tenant a caller may act on is checked again in the services, where another tenant's objects
 * are NOT_FOUND or null exactly like missing ones. Types reachable only through guarded fields
 * (connections, results of mutations) allow their fields.
 */
export const tenancyRules: Parameters<typeof applyAuthorization>[1] = {
  Query: {
    plans: isPublic,
    tenant: isAuthenticated,
    tenants: platformAdmin,
    apiKeys: keyManager,
    auditLog: tenantAdministrator,
    tenantAccess: isService,
    apiKeyAccess: isService,
  },
  Mutation: {
    createTenant: platformAdmin,
    updateTenant: tenantAdministrator,
    updateTenantSettings: tenantAdministrator,
    createApiKey: keyManager,
    revokeApiKey: keyManager,
    rotateApiKey: keyManager,
  },
  Plan: isPublic,
  PlanLimits: isPublic,
  Tenant: {
    '*': tenantReader,
    settings: tenantAdministratorOfParent,
    effectiveLimits: tenantAdministratorOfParent,
  },
  TenantSettings: allow,
  PlanLimitsOverride: allow,
  TenantConnection: allow,
  TenantEdge: allow,
  PageInfo: allow,
  ApiKey: allow,
  ApiKeyConnection: allow,
  ApiKeyEdge: allow,
  CreatedApiKey: allow,
  AuditEntry: allow,
  AuditEntryConnection: allow,
  AuditEntryEdge: allow,
  TenantAccess: isService,
  ApiKeyAccess: isService,
};
