import { AppError, type Principal } from '@academy/service-kit';
import { type EntityManager, UniqueConstraintViolationException } from '@mikro-orm/core';
import { isPlatformAdmin } from '../../authorization/principal-policy';
import { LIMIT_NAMES, type LimitOverrides, overridesFrom, type PlanService } from '../plan';
import { type Tenant, TenantDomainEntity, type TenantService, toTenant } from '../tenant';
import type { UpdateTenantSettingsInput } from './settings.input';
import type { TenantSettings } from './settings.type';
import { TenantSettingsEntity } from './tenant-settings.entity';

function toSettings(row: TenantSettingsEntity, domains: string[]): TenantSettings {
  const { corsOrigins, featureFlags, apiVersion, introspection, costExtensions, responseHeaders, headerPropagation, limitOverrides } = row;
  return { customDomains: domains, corsOrigins, featureFlags, apiVersion, introspection, costExtensions, responseHeaders, headerPropagation, limitOverrides };
}

export class SettingsService {
  constructor(
    private readonly em: EntityManager,
    private readonly tenants: TenantService,
    private readonly plans: PlanService,
    private readonly principal: Principal,
  ) {}

  /**
   * Settings of tenants the caller has already been allowed to see (field resolvers below a visible
   * Tenant, the gateway's internal lookups); tenants without a row get the defaults.
   */
  async forTenants(ids: readonly string[]): Promise<TenantSettings[]> {
    const [rows, domains] = await Promise.all([
      this.em.find(TenantSettingsEntity, { tenantId: { $in: [...ids] } }),
      this.em.find(TenantDomainEntity, { tenantId: { $in: [...ids] } }, { orderBy: { domain: 'asc' } }),
    ]);
    const byTenant = new Map(rows.map((row) => [row.tenantId, row]));
    return ids.map((tenantId) =>
      toSettings(
        byTenant.get(tenantId) ?? Object.assign(new TenantSettingsEntity(), { tenantId }),
        domains.filter((d) => d.tenantId === tenantId).map((d) => d.domain),
      ),
    );
  }

  async update(id: string, input: UpdateTenantSettingsInput): Promise<Tenant> {
    const tenant = await this.tenants.administrable(id);
    const overrides = input.limitOverrides != null ? overridesFrom(input.limitOverrides) : undefined;
    if (overrides) await this.requireNoRaise(tenant.planCode, overrides);
    if (input.customDomains != null) await this.replaceDomains(id, input.customDomains);
    const row = (await this.em.findOne(TenantSettingsEntity, { tenantId: id })) ?? this.em.create(TenantSettingsEntity, { tenantId: id });
    if (input.corsOrigins != null) row.corsOrigins = input.corsOrigins;
    if (input.featureFlags != null) row.featureFlags = input.featureFlags;
    if (input.apiVersion != null) row.apiVersion = input.apiVersion;
    if (input.introspection != null) row.introspection = input.introspection;
    if (input.costExtensions != null) row.costExtensions = input.costExtensions;
    if (input.responseHeaders != null) row.responseHeaders = input.responseHeaders.map(({ name, value }) => ({ name, value }));
    if (input.headerPropagation != null) row.headerPropagation = input.headerPropagation.map(({ subgraph, header, rename }) => ({ subgraph, header, rename: rename ?? null }));
    if (overrides) row.limitOverrides = overrides;
    try {
      await this.em.flush();
    } catch (error) {
      // Another tenant claimed one of the domains between our check and the insert.
      if (error instanceof UniqueConstraintViolationException) throw this.domainTaken(input.customDomains ?? []);
      throw error;
    }
    await this.tenants.notifyChanged(id);
    return toTenant(tenant);
  }

  /**
   * A tenant's own admins may tighten their plan's limits (e.g. a lower rate for a public app), never
   * loosen them: what a plan allows is sold, so going above it is a platform admin's decision, as the
   * plan itself is. Every limit is a maximum, so "above" is a larger number.
   */
  private async requireNoRaise(planCode: string, overrides: LimitOverrides): Promise<void> {
    if (isPlatformAdmin(this.principal)) return;
    const [plan] = await this.plans.byCodes([planCode]);
    if (!plan) throw new Error(`Tenant plan ${planCode} is missing`);
    const raised = LIMIT_NAMES.filter((name) => (overrides[name] ?? 0) > plan.limits[name]);
    if (raised.length === 0) return;
    throw new AppError('FORBIDDEN', `Only platform admins raise limits above the tenant’s plan (${raised.join(', ')})`, {
      requiredRoles: ['platform_admin'],
      fields: raised.map((name) => ({ field: `input.limitOverrides.${name}`, planLimit: plan.limits[name], requested: overrides[name] })),
    });
  }

  /** Checked up front for a clear error naming the domain; the primary key still guards races. */
  private async replaceDomains(tenantId: string, domains: string[]): Promise<void> {
    const taken = await this.em.find(TenantDomainEntity, { domain: { $in: domains }, tenantId: { $ne: tenantId } });
    if (taken.length) throw this.domainTaken(taken.map((d) => d.domain));
    const existing = await this.em.find(TenantDomainEntity, { tenantId });
    for (const row of existing) if (!domains.includes(row.domain)) this.em.remove(row);
    const kept = new Set(existing.map((row) => row.domain));
    for (const domain of domains) if (!kept.has(domain)) this.em.persist(this.em.create(TenantDomainEntity, { domain, tenantId }));
  }

  private domainTaken(domains: string[]): AppError {
    return new AppError('CONFLICT', `The domain ${domains.join(', ')} belongs to another tenant`, { field: 'customDomains', domains });
  }
}
