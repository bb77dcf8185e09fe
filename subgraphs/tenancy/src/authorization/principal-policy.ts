import { AppError, type Principal } from '@academy/service-kit';

/**
 * Who may do what in tenancy, as plain checks on the principal. The shield rules and the services
 * share them, so a rule and the data layer cannot disagree. A check returns true or the error to show.
 */
export type Verdict = true | AppError;

export const isPlatformAdmin = (p: Principal): boolean => p.roles.includes('platform_admin');

/** Partner credentials (API keys, signed requests) act for an integration, never administer keys. */
export const isPartner = (p: Principal): boolean => p.roles.includes('partner') || p.authMethod === 'api_key' || p.authMethod === 'hmac';

/** A non-platform-admin sees exactly one tenant: their own. */
export function canReadTenant(p: Principal, tenantId: string): boolean {
  return isPlatformAdmin(p) || (p.tenantId !== null && p.tenantId === tenantId);
}

/** Settings, plan limits, keys and the audit log of a tenant. */
export function canAdministerTenant(p: Principal, tenantId: string): boolean {
  return isPlatformAdmin(p) || (p.roles.includes('tenant_admin') && p.tenantId === tenantId);
}

/** The partner scope that opens a tenant's learner directory to an integration. */
export const LEARNERS_READ_SCOPE = 'learners:read';

/** A learner as the policy sees it: the tenant it belongs to and its id (the learner's token subject). */
export interface LearnerOwnership {
  tenantId: string;
  id: string;
}

/** The learner themself: signed in with a token whose subject is the learner id, in the learner's tenant. */
export function isLearnerSelf(p: Principal, learner: LearnerOwnership): boolean {
  // Only user tokens: an API key's subject is the key (`apikey:…`), never a learner.
  return p.authMethod === 'jwt' && p.subject !== null && p.subject === learner.id && p.tenantId === learner.tenantId;
}

/**
 * Who may read every learner of the request's tenant: its staff (instructors, tenant admins), platform
 * admins acting in it, and partner credentials granted `learners:read`. A partner is judged by its
 * scopes alone, whatever roles it claims.
 */
export function canReadAllLearners(p: Principal): boolean {
  if (p.tenantId === null) return false;
  if (isPartner(p)) return p.scopes.includes(LEARNERS_READ_SCOPE);
  return ['instructor', 'tenant_admin', 'platform_admin'].some((role) => p.roles.includes(role));
}

export function canReadLearner(p: Principal, learner: LearnerOwnership): boolean {
  return isLearnerSelf(p, learner) || (canReadAllLearners(p) && p.tenantId === learner.tenantId);
}

/** Email is personal data: the learner, the tenant's admins and platform admins, never partners. */
export function canSeeLearnerEmail(p: Principal, learner: LearnerOwnership): boolean {
  if (isLearnerSelf(p, learner)) return true;
  return !isPartner(p) && p.tenantId === learner.tenantId && (p.roles.includes('tenant_admin') || isPlatformAdmin(p));
}

function authenticated(p: Principal): Verdict {
  return p.authMethod === 'anonymous' ? new AppError('UNAUTHENTICATED', 'Sign in or send an API key to use this field') : true;
}

export function requirePlatformAdmin(p: Principal): Verdict {
  const signedIn = authenticated(p);
  if (signedIn !== true) return signedIn;
  return isPlatformAdmin(p) ? true : new AppError('FORBIDDEN', 'Requires the platform_admin role', { requiredRoles: ['platform_admin'] });
}

/** A tenant admin of the request's tenant, or a platform admin; which tenant is checked in the service. */
export function requireTenantAdministrator(p: Principal): Verdict {
  const signedIn = authenticated(p);
  if (signedIn !== true) return signedIn;
  if (isPlatformAdmin(p) || (p.roles.includes('tenant_admin') && p.tenantId !== null)) return true;
  return new AppError('FORBIDDEN', 'Requires the tenant_admin role', { requiredRoles: ['tenant_admin', 'platform_admin'] });
}

/** Key management: an administrator, never a partner credential, always inside one tenant. */
export function requireKeyManager(p: Principal): Verdict {
  const signedIn = authenticated(p);
  if (signedIn !== true) return signedIn;
  if (isPartner(p)) return new AppError('FORBIDDEN', 'Partner credentials cannot manage API keys');
  const admin = requireTenantAdministrator(p);
  if (admin !== true) return admin;
  if (p.tenantId === null) return new AppError('TENANT_REQUIRED', 'API keys belong to a tenant: send X-Tenant-Id, use the tenant subdomain or /t/<slug>/graphql');
  return true;
}

const TENANT_REQUIRED_FOR_LEARNERS = 'Learners belong to a tenant: send X-Tenant-Id, use the tenant subdomain or /t/<slug>/graphql';

const learnersScopeRequired = () => new AppError('FORBIDDEN', `Requires the scope ${LEARNERS_READ_SCOPE}`, { requiredScope: LEARNERS_READ_SCOPE });

/**
 * A signed-in caller inside a tenant, and for partners the `learners:read` scope. Which learners the
 * caller then sees is the service's concern: users without a staff role see only themselves.
 */
export function requireLearnerLookup(p: Principal): Verdict {
  const signedIn = authenticated(p);
  if (signedIn !== true) return signedIn;
  if (p.tenantId === null) return new AppError('TENANT_REQUIRED', TENANT_REQUIRED_FOR_LEARNERS);
  if (isPartner(p) && !canReadAllLearners(p)) return learnersScopeRequired();
  return true;
}

/** The tenant's learner directory: staff, platform admins and partners with `learners:read`. */
export function requireLearnerDirectory(p: Principal): Verdict {
  const lookup = requireLearnerLookup(p);
  if (lookup !== true) return lookup;
  if (canReadAllLearners(p)) return true;
  return new AppError('FORBIDDEN', 'Requires the instructor or tenant_admin role', { requiredRoles: ['instructor', 'tenant_admin', 'platform_admin'] });
}

/** Registering learners: an administrator of the request's tenant, never a partner credential. */
export function requireLearnerRegistrar(p: Principal): Verdict {
  const signedIn = authenticated(p);
  if (signedIn !== true) return signedIn;
  if (isPartner(p)) return new AppError('FORBIDDEN', 'Partner credentials cannot register learners');
  const admin = requireTenantAdministrator(p);
  if (admin !== true) return admin;
  if (p.tenantId === null) return new AppError('TENANT_REQUIRED', TENANT_REQUIRED_FOR_LEARNERS);
  return true;
}
