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
