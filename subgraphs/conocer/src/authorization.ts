import { type applyAuthorization, allow, chain, hasRole, hasScope, hasTenant, isAuthenticated, isPublic } from '@academy/subgraph-kit';

/**
 * Who may use each field; `applyAuthorization` denies every field not listed. Rules admit or refuse a
 * call; which rows a caller sees is the data layer's job (the tenant filter, and the learner rule of
 * the certification services: learners see their own). `chain` stops at the first refusal, so the
 * error is predictable: TENANT_REQUIRED, then UNAUTHENTICATED, then FORBIDDEN.
 *
 * The standards catalog is public: anonymous visitors browse it. Partners calling with an API key
 * (or HMAC) must hold `standards:read` for it, like for any other data; `hasScope` lets every other
 * kind of caller through. The type fields carry the same rule because `_entities` reaches them
 * without a root field (e.g. a partner reading `ProgressEvent.standard` through the gateway).
 */
const catalog = chain(isPublic, hasScope('standards:read'));
// One instance per rule: graphql-shield refuses two rule objects with the same name.
const readCertifications = chain(hasTenant, isAuthenticated, hasScope('certifications:read'));
const signedInTenantMember = chain(hasTenant, isAuthenticated);
const staff = hasRole('instructor', 'tenant_admin', 'partner');
/** Platform-wide operations (the catalog sync, the CONOCER integration's health, the shared submission queue). */
const platformAdmin = chain(isAuthenticated, hasRole('platform_admin'));

export const conocerRules: Parameters<typeof applyAuthorization>[1] = {
  Query: {
    competencyStandard: catalog,
    competencyStandards: catalog,
    competencySectors: catalog,
    certification: readCertifications,
    certifications: readCertifications,
    myNotifications: signedInTenantMember,
    certificationPrograms: chain(hasTenant, isAuthenticated, hasRole('tenant_admin', 'instructor')),
    deadLetteredSubmissions: platformAdmin,
    // Anyone, anonymous included; rate-limited in VerificationService.
    verifyCertification: isPublic,
    // Reads only the public catalog; course authors are signed in.
    validateSolarpunkCompliance: isAuthenticated,
    standardsSyncJob: platformAdmin,
    standardsSyncJobs: platformAdmin,
    conocerSync: platformAdmin,
  },
  Mutation: {
    // Evaluators and staff judge; learners do not certify themselves (their certifications start from completions).
    submitCertification: chain(hasTenant, isAuthenticated, hasRole('tenant_admin', 'instructor', 'partner'), hasScope('certifications:write')),
    setCandidateCurp: chain(hasTenant, isAuthenticated, hasRole('learner', 'tenant_admin', 'instructor', 'partner'), hasScope('certifications:write')),
    markNotificationRead: signedInTenantMember,
    setCertificationProgram: chain(hasTenant, isAuthenticated, hasRole('tenant_admin')),
    removeCertificationProgram: chain(hasTenant, isAuthenticated, hasRole('tenant_admin')),
    replayDeadLetteredSubmissions: platformAdmin,
    syncCompetencyStandards: platformAdmin,
  },
  CompetencyStandard: catalog,
  CompetencyStandardConnection: catalog,
  CompetencyStandardEdge: catalog,
  PageInfo: catalog,
  Sector: catalog,
  // Reached through the guarded fields above or `_entities`, where the tenant filter and the learner rule apply.
  Certification: { '*': isAuthenticated, lastSubmissionError: staff, saga: staff },
  CertificationConnection: allow,
  CertificationEdge: allow,
  CertificationReason: allow,
  CertificationSaga: allow,
  CertificationSagaStep: allow,
  CandidateProfile: allow,
  Learner: { id: allow, certifications: readCertifications },
  Notification: allow,
  // The learner themself or a tenant admin: checked in LearnerDataService, for `_entities` too.
  LearnerDataExport: { learnerId: allow, conocer: chain(hasTenant, isAuthenticated) },
  LearnerCertificationData: allow,
  LearnerCertificationRecord: allow,
  LearnerCompletionRecord: allow,
  NotificationConnection: allow,
  NotificationEdge: allow,
  CertificationProgram: allow,
  DeadLetteredSubmission: allow,
  CertificateVerification: isPublic,
  VerifiedCertificate: isPublic,
  SolarpunkComplianceReport: allow,
  SolarpunkDimensionScore: allow,
  SolarpunkCriterionResult: allow,
  StandardsAlignmentResult: allow,
  StandardAlignment: allow,
  ComplianceFinding: allow,
  StandardsSyncJob: allow,
  StandardsSyncProgress: allow,
  StandardsSyncReport: allow,
  StandardsSyncFailure: allow,
  ConocerSync: allow,
  // Reached through analytics' `integrationHealth` by `_entities`, which the kit admits for anyone.
  IntegrationMetrics: { id: allow, conocerSync: platformAdmin },
};
