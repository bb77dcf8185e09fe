import { allow, type applyAuthorization, isAuthenticated, isPublic, isService } from '@academy/subgraph-kit';
import { guard, guardLearner, guardTenant } from './guard';
import {
  canAdministerTenant,
  canReadLearner,
  canReadTenant,
  requireKeyManager,
  requireLearnerDirectory,
  requireLearnerLookup,
  requireLearnerRegistrar,
  requirePlatformAdmin,
  requireTenantAdministrator,
} from './principal-policy';

const platformAdmin = guard(requirePlatformAdmin);
const tenantAdministrator = guard(requireTenantAdministrator);
const keyManager = guard(requireKeyManager);
const learnerLookup = guard(requireLearnerLookup);
const learnerDirectory = guard(requireLearnerDirectory);
const learnerRegistrar = guard(requireLearnerRegistrar);

/** The services return only tenants the caller may read; this repeats the check on every field. */
const tenantReader = guardTenant('tenantReader', canReadTenant, 'Not your tenant');
const tenantAdministratorOfParent = guardTenant('tenantAdministratorOfParent', canAdministerTenant, 'Requires the tenant_admin role of this tenant');
/** The services return only learners the caller may read; this repeats the check, `_entities` included. */
const learnerReader = guardLearner('learnerReader', canReadLearner, 'Not a learner you may read');

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
    // Learners see themselves (others are null), staff and `learners:read` partners the whole tenant.
    learner: learnerLookup,
    learners: learnerDirectory,
    me: learnerLookup,
    // The learner themself or a tenant admin: checked in the service, for `_entities` too.
    learnerDataExport: isAuthenticated,
    learnerCancellation: isAuthenticated,
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
    registerLearner: learnerRegistrar,
    requestLearnerCancellation: isAuthenticated,
    confirmLearnerCancellation: isAuthenticated,
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
  // Reached only below TenantSettings (its admins) and TenantAccess (the gateway).
  TenantResponseHeader: allow,
  HeaderPropagationRule: allow,
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
  // `email` is readable too, but resolves to null for all but the learner and the tenant's admins.
  Learner: learnerReader,
  LearnerConnection: allow,
  LearnerEdge: allow,
  LearnerDataExport: allow,
  LearnerProfileData: allow,
  LearnerCancellation: allow,
  TenantAccess: isService,
  ApiKeyAccess: isService,
};
