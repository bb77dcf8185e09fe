import { type applyAuthorization, allow, chain, hasRole, hasScope, hasTenant, isAuthenticated } from '@academy/subgraph-kit';

/**
 * Who may use each field; `applyAuthorization` denies every field not listed. Rules only admit or
 * refuse a call: which rows a caller sees is the data layer's job (the tenant filter, and the learner
 * rule in ProgressService), which also guards `_entities`, allowed by the kit for federation.
 *
 * `chain` runs in order and stops at the first refusal, so the error a caller gets is predictable:
 * TENANT_REQUIRED first (nothing works without a tenant), then UNAUTHENTICATED, then FORBIDDEN.
 */
// One instance per rule: graphql-shield refuses two rule objects with the same name (hasScope names its rule by scope).
const readAnalytics = hasScope('analytics:read');

export const analyticsRules: Parameters<typeof applyAuthorization>[1] = {
  Query: {
    // Learners see their own events, the tenant-wide roles all of the tenant's (ProgressService).
    progressEvents: chain(hasTenant, isAuthenticated, hasScope('progress:read')),
    // Usage and cost are the tenant's administrative data: not for learners, instructors or partner keys.
    apiUsage: chain(hasTenant, isAuthenticated, hasRole('tenant_admin')),
  },
  Mutation: {
    recordProgress: chain(hasTenant, isAuthenticated, hasRole('learner', 'instructor', 'tenant_admin', 'partner'), hasScope('progress:write')),
  },
  Subscription: {
    // Which events reach a subscriber (its tenant's, a learner's own) is the live feed's filter.
    progressUpdated: chain(hasTenant, isAuthenticated, hasScope('progress:read')),
    certificationUpdated: chain(hasTenant, isAuthenticated, hasScope('certifications:read')),
  },
  Tenant: {
    id: allow,
    // The caller's own tenant only (other tenants come back empty), every tenant for platform admins.
    progressSummary: readAnalytics,
    recentProgress: readAnalytics,
  },
  // Reached only through the fields above or `_entities`: readable whenever the parent was.
  ProgressEvent: allow,
  ProgressEventConnection: allow,
  ProgressEventEdge: allow,
  PageInfo: allow,
  ProgressSummary: allow,
  CompetencyStandard: allow,
  // A reference for the gateway to resolve in tenancy, whose rules decide who sees the learner.
  Learner: allow,
  ApiUsageDay: allow,
  CertificationUpdate: allow,
};
