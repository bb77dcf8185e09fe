import type { Principal } from '@academy/service-kit';

/** Roles that act on every certification of their tenant (platform admins: of every tenant). */
const STAFF_ROLES: readonly string[] = ['instructor', 'tenant_admin', 'partner', 'platform_admin'];

/**
 * Whose certifications a caller sees within the rows the tenant filter leaves it: the whole tenant's
 * (staff, the gateway's own calls) or one learner's own (a learner's `principal.subject` is their id).
 * Deny by default: a caller with no staff role and no subject sees none.
 */
export type CertificationAudience = { kind: 'tenant' } | { kind: 'learner'; learnerId: string | null };

export function certificationAudienceOf(principal: Principal): CertificationAudience {
  if (principal.authMethod === 'service') return { kind: 'tenant' };
  if (STAFF_ROLES.some((role) => principal.roles.includes(role))) return { kind: 'tenant' };
  return { kind: 'learner', learnerId: principal.subject };
}

/**
 * Who may submit a certification and assert a course completion: the tenant's staff and evaluators,
 * and partner integrations (an ECE's system) holding `certifications:write`. Learners cannot judge
 * themselves; their certifications start from their course completions.
 */
export function canSubmitCertifications(principal: Principal): boolean {
  if (principal.roles.some((role) => role === 'tenant_admin' || role === 'instructor' || role === 'platform_admin')) return true;
  return principal.roles.includes('partner') && principal.scopes.includes('certifications:write');
}
