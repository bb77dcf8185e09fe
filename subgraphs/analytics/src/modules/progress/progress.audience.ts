import { AppError, type Principal } from '@academy/service-kit';

/** Roles that see every learner's progress of their tenant (platform admins: of every tenant). */
export const TENANT_WIDE_PROGRESS_ROLES: readonly string[] = ['instructor', 'tenant_admin', 'partner', 'platform_admin'];

/**
 * Whose progress events a caller may see and record inside the rows the tenant filter leaves it:
 * the whole tenant, or one learner's own (a learner's `principal.subject` is its learner id).
 */
export type ProgressAudience = { kind: 'tenant' } | { kind: 'learner'; learnerId: string | null };

/**
 * Deny by default: only the roles above and the gateway's own calls see the whole tenant. Anyone else
 * (learners, callers with no role) is limited to its own events, and a caller without a subject to none.
 */
export function progressAudienceOf(principal: Principal): ProgressAudience {
  if (principal.authMethod === 'service') return { kind: 'tenant' };
  if (TENANT_WIDE_PROGRESS_ROLES.some((role) => principal.roles.includes(role))) return { kind: 'tenant' };
  return { kind: 'learner', learnerId: principal.subject };
}

/** Learners may read only their own progress (FORBIDDEN otherwise); the tenant-wide roles anyone's in the tenant. */
export function assertMayReadLearnerProgress(principal: Principal, learnerId: string): void {
  const audience = progressAudienceOf(principal);
  if (audience.kind === 'learner' && audience.learnerId !== learnerId) throw new AppError('FORBIDDEN', 'Learners may read only their own progress');
}
