import { AppError } from '@academy/service-kit';
import type { EntityManager } from '@mikro-orm/core';
import { isTenantId } from '../../common/tenant-id';
import { ApiKeyEntity, KEY_ID_PATTERN, signingSecretOf } from '../api-key';
import { effectiveLimits, type PlanService, planCodeFrom } from '../plan';
import type { SettingsService } from '../settings';
import { TenantDomainEntity, TenantEntity, type TenantStatus } from '../tenant';
import type { ApiKeyAccess, TenantAccess } from './access.type';

export interface TenantLookup {
  id?: string | null;
  slug?: string | null;
  domain?: string | null;
}

/**
 * The gateway's lookups across all tenants: only the `isService` rule stands in front of these,
 * which is why nothing else calls them. Unknown tenants and keys are null, not errors.
 */
export class AccessService {
  constructor(
    private readonly em: EntityManager,
    private readonly plans: PlanService,
    private readonly settings: SettingsService,
    private readonly signingKey: string,
  ) {}

  async tenantAccess({ id, slug, domain }: TenantLookup): Promise<TenantAccess | null> {
    if ([id, slug, domain].filter((v) => v != null).length !== 1) throw new AppError('BAD_USER_INPUT', 'Give exactly one of id, slug or domain');
    const row = await this.findTenant({ id, slug, domain });
    if (!row) return null;
    const [[plan], [settings]] = await Promise.all([this.plans.byCodes([row.planCode]), this.settings.forTenants([row.id])]);
    if (!plan || !settings) throw new Error(`Tenant ${row.id} references missing plan ${row.planCode}`);
    const { limitOverrides, ...rest } = settings;
    return {
      id: row.id,
      slug: row.slug,
      name: row.name,
      status: row.status as TenantStatus,
      plan: planCodeFrom(row.planCode),
      limits: effectiveLimits(plan.limits, limitOverrides),
      ...rest,
    };
  }

  async apiKeyAccess(keyId: string): Promise<ApiKeyAccess | null> {
    const row = KEY_ID_PATTERN.test(keyId) ? await this.em.findOne(ApiKeyEntity, { keyId }) : null;
    if (!row) return null;
    const { tenantId, name, scopes, secretHash, expiresAt, revokedAt } = row;
    return { keyId, tenantId, name, scopes, secretHash, signingSecret: signingSecretOf(this.signingKey, keyId), expiresAt, revokedAt };
  }

  private async findTenant({ id, slug, domain }: TenantLookup): Promise<TenantEntity | null> {
    if (id != null) return isTenantId(id) ? this.em.findOne(TenantEntity, { id }) : null;
    if (slug != null) return this.em.findOne(TenantEntity, { slug });
    // Hosts are case-insensitive and may carry the root's trailing dot; stored domains are neither.
    const host = domain!.toLowerCase().replace(/\.$/, '');
    const match = await this.em.findOne(TenantDomainEntity, { domain: host });
    return match ? this.em.findOne(TenantEntity, { id: match.tenantId }) : null;
  }
}
