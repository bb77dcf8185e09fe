import { AppError } from '@academy/service-kit';
import { type EntityManager, UniqueConstraintViolationException } from '@mikro-orm/core';
import { overridesFrom } from '../plan';
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
    if (input.customDomains != null) await this.replaceDomains(id, input.customDomains);
    const row = (await this.em.findOne(TenantSettingsEntity, { tenantId: id })) ?? this.em.create(TenantSettingsEntity, { tenantId: id });
    if (input.corsOrigins != null) row.corsOrigins = input.corsOrigins;
    if (input.featureFlags != null) row.featureFlags = input.featureFlags;
    if (input.apiVersion != null) row.apiVersion = input.apiVersion;
    if (input.introspection != null) row.introspection = input.introspection;
    if (input.costExtensions != null) row.costExtensions = input.costExtensions;
    if (input.responseHeaders != null) row.responseHeaders = input.responseHeaders.map(({ name, value }) => ({ name, value }));
    if (input.headerPropagation != null) row.headerPropagation = input.headerPropagation.map(({ subgraph, header, rename }) => ({ subgraph, header, rename: rename ?? null }));
    if (input.limitOverrides != null) row.limitOverrides = overridesFrom(input.limitOverrides);
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
