/** The parts of a request's principal the data-subject rules read (service-kit's `Principal` fits). */
export interface DataSubjectCaller {
  tenantId: string | null;
  subject: string | null;
  roles: readonly string[];
  authMethod: string;
}

/** The learner themself: a user token of the learner's tenant whose subject is the learner id. */
export function isDataSubject(p: DataSubjectCaller, learnerId: string): boolean {
  return p.authMethod === 'jwt' && p.tenantId !== null && p.subject === learnerId;
}

/** A tenant admin signed in as a user (never a partner credential), inside the tenant. */
export function isTenantDataController(p: DataSubjectCaller): boolean {
  return p.authMethod === 'jwt' && p.tenantId !== null && p.roles.includes('tenant_admin') && !p.roles.includes('partner');
}

/**
 * Who may export a learner's data or ask for its cancellation: the learner, or an admin of the
 * learner's tenant (the tenant is the request's: another tenant's learner is simply not found there).
 */
export function canActForLearner(p: DataSubjectCaller, learnerId: string): boolean {
  return isDataSubject(p, learnerId) || isTenantDataController(p);
}
