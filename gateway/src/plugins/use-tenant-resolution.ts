import { AppError } from '@academy/service-kit';
import type { TenantAccess, TenantRef } from '../tenancy/tenant-access';
import type { TenantDirectory } from '../tenancy/tenant-directory';
import { type CandidateSource, type TenantCandidateOptions, tenantCandidate } from './tenant-candidate';

export interface TenantResolutionOptions extends TenantCandidateOptions {
  directory: TenantDirectory;
}

export interface TenantResolution {
  /** The tenant the request names (header, path, subdomain, domain), null when it names none. */
  fromRequest(source: CandidateSource, requestId: string): Promise<TenantAccess | null>;
  /** The tenant a credential names (a token's tenant claim, an API key's tenant). */
  byRef(ref: TenantRef, requestId: string): Promise<TenantAccess>;
}

// Anything else cannot be a tenant id, slug or domain: answered without asking tenancy.
const PLAUSIBLE: Record<TenantRef['by'], RegExp> = {
  id: /^[0-9a-f-]{36}$/,
  slug: /^[a-z0-9-]{1,64}$/,
  domain: /^[a-z0-9.-]{1,253}$/,
};

function describe(ref: TenantRef): string {
  return ref.by === 'domain' ? `the domain ${ref.value}` : `the ${ref.by} "${ref.value.slice(0, 64)}"`;
}

/**
 * Multi-tenant mode's first step: which tenant a request is for. A named tenant that does not exist
 * is TENANT_NOT_FOUND (never a silent fall-back to no tenant), a suspended one TENANT_SUSPENDED.
 */
export function useTenantResolution({ directory, ...candidateOptions }: TenantResolutionOptions): TenantResolution {
  async function byRef(ref: TenantRef, requestId: string): Promise<TenantAccess> {
    const tenant = PLAUSIBLE[ref.by].test(ref.value) ? await directory.lookup(ref, requestId) : null;
    if (!tenant) throw new AppError('TENANT_NOT_FOUND', `No tenant has ${describe(ref)}`);
    if (tenant.status === 'SUSPENDED') throw new AppError('TENANT_SUSPENDED', `The tenant "${tenant.slug}" is suspended`, { tenantId: tenant.id });
    return tenant;
  }

  return {
    byRef,
    async fromRequest(source, requestId) {
      const ref = tenantCandidate(source, candidateOptions);
      return ref ? byRef(ref, requestId) : null;
    },
  };
}
