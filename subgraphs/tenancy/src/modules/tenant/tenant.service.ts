import { AppError, type Principal } from '@academy/service-kit';
import { checkPageSize, type Connection, decodeCursor, toConnection } from '@academy/subgraph-kit';
import { type EntityManager, type FilterQuery, UniqueConstraintViolationException } from '@mikro-orm/core';
import { canAdministerTenant, isPlatformAdmin } from '../../authorization/principal-policy';
import type { TenancyEventPublisher } from '../../events';
import { type PlanService, storedPlanCode } from '../plan';
import { TenantEntity } from './tenant.entity';
import { TenantDomainEntity } from './tenant-domain.entity';
import { isTenantId } from '../../common/tenant-id';
import type { CreateTenantInput, UpdateTenantInput } from './tenant.input';
import { type Tenant, TenantStatus } from './tenant.type';

/** Slugs that would collide with the platform's own hosts and paths. */
const RESERVED_SLUGS = new Set(['www', 'api', 'app', 'admin', 'graphql', 'gateway', 'status', 'docs', 'static']);

export function toTenant(row: TenantEntity): Tenant {
  return { ...row, status: row.status as TenantStatus };
}

/**
 * Tenants as the caller may see them: a platform admin sees all, anyone else only their own tenant.
 * Another tenant is indistinguishable from a missing one (null, or NOT_FOUND for writes), so ids
 * and slugs cannot be probed.
 */
export class TenantService {
  constructor(
    private readonly em: EntityManager,
    private readonly plans: PlanService,
    private readonly principal: Principal,
    private readonly events: TenancyEventPublisher,
  ) {}

  /** The caller's visibility as a filter; null when the caller can see no tenant at all. */
  private visible(): FilterQuery<TenantEntity> | null {
    if (isPlatformAdmin(this.principal)) return {};
    return this.principal.tenantId !== null && isTenantId(this.principal.tenantId) ? { id: this.principal.tenantId } : null;
  }

  async byIds(ids: readonly string[]): Promise<(Tenant | undefined)[]> {
    const scope = this.visible();
    const wanted = ids.filter(isTenantId);
    const rows = scope && wanted.length ? await this.em.find(TenantEntity, { $and: [scope, { id: { $in: wanted } }] }) : [];
    const byId = new Map(rows.map((row) => [row.id, toTenant(row)]));
    return ids.map((id) => byId.get(id));
  }

  async bySlug(slug: string): Promise<Tenant | null> {
    const scope = this.visible();
    const row = scope ? await this.em.findOne(TenantEntity, { $and: [scope, { slug }] }) : null;
    return row ? toTenant(row) : null;
  }

  async list(first: number, after: string | null | undefined, status?: TenantStatus | null): Promise<Connection<Tenant>> {
    const offset = decodeCursor(after);
    const where: FilterQuery<TenantEntity> = { $and: [this.visible() ?? { id: null }, status ? { status } : {}] };
    const [rows, total] = await this.em.findAndCount(TenantEntity, where, { orderBy: { createdAt: 'asc', id: 'asc' }, limit: checkPageSize(first), offset });
    return toConnection(rows.map(toTenant), offset, total);
  }

  async create(input: CreateTenantInput): Promise<Tenant> {
    if (RESERVED_SLUGS.has(input.slug)) throw new AppError('BAD_USER_INPUT', `The slug "${input.slug}" is reserved`, { field: 'slug' });
    const planCode = storedPlanCode(input.plan);
    await this.requirePlan(planCode);
    const row = this.em.create(TenantEntity, { slug: input.slug, name: input.name, planCode });
    try {
      await this.em.persistAndFlush(row);
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) throw new AppError('CONFLICT', `The slug "${input.slug}" is taken`, { field: 'slug' });
      throw error;
    }
    await this.notifyChanged(row.id);
    return toTenant(row);
  }

  /** Tenant admins rename their own tenant; plan and status are the platform's to change. */
  async update(id: string, input: UpdateTenantInput): Promise<Tenant> {
    const row = await this.administrable(id);
    if (!isPlatformAdmin(this.principal) && (input.plan != null || input.status != null)) {
      throw new AppError('FORBIDDEN', 'Only platform admins change a tenant’s plan or status', { requiredRoles: ['platform_admin'] });
    }
    const planCode = input.plan ? storedPlanCode(input.plan) : undefined;
    if (planCode) await this.requirePlan(planCode);
    if (input.name !== undefined) row.name = input.name;
    if (planCode) row.planCode = planCode;
    if (input.status) row.status = input.status;
    await this.em.flush();
    await this.notifyChanged(row.id);
    return toTenant(row);
  }

  /** The tenant row if the caller administers it; NOT_FOUND otherwise, exactly as for a missing one. */
  async administrable(id: string): Promise<TenantEntity> {
    const row = isTenantId(id) && canAdministerTenant(this.principal, id) ? await this.em.findOne(TenantEntity, { id }) : null;
    if (!row) throw new AppError('NOT_FOUND', `No tenant with id ${id}`);
    return row;
  }

  /** `tenant.changed` for the gateway's tenant caches; call after the change has been flushed. */
  async notifyChanged(tenantId: string): Promise<void> {
    const row = await this.em.findOneOrFail(TenantEntity, { id: tenantId });
    const domains = await this.em.find(TenantDomainEntity, { tenantId }, { orderBy: { domain: 'asc' } });
    await this.events.tenantChanged({ tenantId, slug: row.slug, customDomains: domains.map((d) => d.domain) });
  }

  private async requirePlan(code: string): Promise<void> {
    if (!(await this.plans.exists(code))) throw new AppError('BAD_USER_INPUT', `Unknown plan ${code}`, { field: 'plan' });
  }
}
