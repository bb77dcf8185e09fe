import { AppError, type Principal } from '@academy/service-kit';
import { namesTenant, refOfIdOrSlug, type TenantAccess } from '../tenancy/tenant-access';
import type { TenantResolution } from './use-tenant-resolution';

/** Who a verified credential says the caller is. */
export interface Identity {
  authMethod: 'jwt' | 'api_key' | 'hmac';
  subject: string;
  roles: string[];
  scopes: string[];
  /** The tenant the credential belongs to: a token's claim (id or slug), an API key's tenant id. */
  tenant: { by: 'claim' | 'id'; value: string } | null;
}

export type TenantPart = Pick<Principal, 'tenantId' | 'plan' | 'flags'> & { tenant: TenantAccess | null };

/** Decides the principal's tenant from the request's tenant and the credential's. */
export interface TenantBinding {
  bind(identity: Identity | null, resolved: TenantAccess | null, requestId: string): Promise<TenantPart>;
}

const NONE: TenantPart = { tenantId: null, plan: null, flags: [], tenant: null };

function mismatch(message: string): AppError {
  return new AppError('TENANT_MISMATCH', message);
}

const partOf = (tenant: TenantAccess | null): TenantPart =>
  tenant ? { tenantId: tenant.id, plan: tenant.plan, flags: tenant.featureFlags, tenant } : NONE;

function belongs(identity: Identity, tenant: TenantAccess): boolean {
  const claimed = identity.tenant;
  if (claimed === null) return false;
  return claimed.by === 'id' ? claimed.value === tenant.id : namesTenant(claimed.value, tenant);
}

/**
 * Multi-tenant mode: a credential acts only in its own tenant. When the request names no tenant,
 * the credential's tenant is used; a token without a tenant claim acts in a tenant only as a
 * platform admin (whose role spans tenants), never in whichever tenant the request happens to name.
 */
export function createMultiTenantBinding(tenants: TenantResolution): TenantBinding {
  return {
    async bind(identity, resolved, requestId) {
      if (identity === null) return partOf(resolved);
      if (resolved) {
        if (belongs(identity, resolved)) return partOf(resolved);
        if (identity.tenant === null && identity.roles.includes('platform_admin')) return partOf(resolved);
        if (identity.tenant === null) throw mismatch(`The token names no tenant, so it cannot act in "${resolved.slug}"`);
        throw mismatch(identity.authMethod === 'jwt' ? `The token is for another tenant than "${resolved.slug}"` : `The API key belongs to another tenant than "${resolved.slug}"`);
      }
      if (identity.tenant === null) return NONE;
      const ref = identity.tenant.by === 'id' ? { by: 'id' as const, value: identity.tenant.value } : refOfIdOrSlug(identity.tenant.value);
      return partOf(await tenants.byRef(ref, requestId));
    },
  };
}

/**
 * Single-tenant mode has no tenant directory: every principal carries SINGLE_TENANT_ID, and a
 * token's tenant claim must be that tenant (or, without SINGLE_TENANT_ID, passes through as is).
 */
export function createSingleTenantBinding(singleTenantId: string | undefined): TenantBinding {
  return {
    async bind(identity) {
      const claimed = identity?.tenant?.value ?? null;
      if (singleTenantId === undefined) return { ...NONE, tenantId: claimed };
      if (claimed !== null && claimed !== singleTenantId) throw mismatch('The credentials are for another tenant than this gateway serves');
      return { ...NONE, tenantId: singleTenantId };
    },
  };
}
