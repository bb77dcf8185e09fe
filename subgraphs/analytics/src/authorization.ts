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
const writeProgress = hasScope('progress:write');
const platformAdmin = chain(isAuthenticated, hasRole('platform_admin'));

export const analyticsRules: Parameters<typeof applyAuthorization>[1] = {
  Query: {
    // Learners see their own events, the tenant-wide roles all of the tenant's (ProgressService).
    progressEvents: chain(hasTenant, isAuthenticated, hasScope('progress:read')),
    // Usage and cost are the tenant's administrative data: not for learners, instructors or partner keys.
    apiUsage: chain(hasTenant, isAuthenticated, hasRole('tenant_admin')),
    // The catalog is the tenant's configuration; reading it is for the roles that manage courses.
    courses: chain(hasTenant, isAuthenticated, hasRole('instructor', 'tenant_admin', 'partner'), readAnalytics),
    // Refused events may hold any learner's data: administrators only (the service scopes them to the tenant).
    pipelineDeadLetters: chain(isAuthenticated, hasRole('tenant_admin')),
    // Shared infrastructure, not a tenant's data.
    pipelineMetrics: platformAdmin,
    integrationHealth: platformAdmin,
    // Figures of the caller's tenant (AggregatesService names it in every statement).
    courseAnalytics: chain(hasTenant, isAuthenticated, hasRole('instructor', 'tenant_admin'), readAnalytics),
    tenantAnalytics: chain(hasTenant, isAuthenticated, hasRole('instructor', 'tenant_admin'), readAnalytics),
    // Learners their own only (AggregatesService refuses others with FORBIDDEN), the tenant-wide roles anyone's.
    learnerProgress: chain(hasTenant, isAuthenticated, hasScope('progress:read')),
    // Internal (`@inaccessible`): only the gateway reaches it, with a caller's context token; it reveals a hash.
    subscriptionShareKey: allow,
  },
  Mutation: {
    recordProgress: chain(hasTenant, isAuthenticated, hasRole('learner', 'instructor', 'tenant_admin', 'partner'), writeProgress),
    recordEngagement: chain(hasTenant, isAuthenticated, hasRole('learner', 'instructor', 'tenant_admin', 'partner'), writeProgress),
    // Batches speak for many learners: the tenant-wide roles only.
    recordProgressBatch: chain(hasTenant, isAuthenticated, hasRole('instructor', 'tenant_admin', 'partner'), writeProgress),
    recordEngagementBatch: chain(hasTenant, isAuthenticated, hasRole('instructor', 'tenant_admin', 'partner'), writeProgress),
    replayDeadLetters: chain(isAuthenticated, hasRole('tenant_admin')),
    registerCourse: chain(hasTenant, isAuthenticated, hasRole('tenant_admin')),
  },
  Subscription: {
    // Which events reach a subscriber (its tenant's, a learner's own) is the live feed's filter.
    progressUpdated: chain(hasTenant, isAuthenticated, hasScope('progress:read')),
    courseEngagement: chain(hasTenant, isAuthenticated, hasScope('progress:read')),
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
  // The learner themself or a tenant admin: checked in LearnerDataService, for `_entities` too.
  LearnerDataExport: { learnerId: allow, analytics: chain(hasTenant, isAuthenticated) },
  LearnerAnalyticsData: allow,
  LearnerEventRecord: allow,
  LearnerCertificationMilestone: allow,
  LearnerCourseStanding: allow,
  CertificationUpdate: allow,
  EngagementEvent: allow,
  EventLineage: allow,
  IngestionReport: allow,
  IngestionResult: allow,
  DeadLetter: allow,
  DeadLetterConnection: allow,
  DeadLetterEdge: allow,
  Course: allow,
  PipelineMetricsView: allow,
  // The figures are guarded on the entity too: `_entities` reaches it without the root field.
  IntegrationMetrics: { id: allow, apiGateway: platformAdmin, dataPipeline: platformAdmin },
  ApiGatewayMetrics: allow,
  ApiGatewayMinute: allow,
  TenantRequests: allow,
  DataPipelineMetrics: allow,
  DataPipelineMinute: allow,
  ProcessingLatency: allow,
  CourseAnalytics: allow,
  TenantAnalytics: allow,
  AnalyticsPeriod: allow,
  ActivityEngagement: allow,
  // `timeline` checks the learner rule again (LearnerTimelineService), as `learnerProgress` does.
  LearnerProgress: allow,
  LearnerCourseProgress: allow,
  LearnerTimelineEntry: allow,
};
