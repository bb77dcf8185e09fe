import { AppError } from '@academy/service-kit';
import { checkPageSize, type Connection, decodeCursor, toConnection } from '@academy/subgraph-kit';
import { type EntityManager, type FilterQuery, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { PlanService } from '../plan/plan.service';
import { storedPlanCode } from '../plan/plan.type';
import { TenantEntity } from './tenant.entity';
import type { CreateTenantInput, UpdateTenantInput } from './tenant.input';
import { type Tenant, TenantStatus } from './tenant.type';

/** Slugs that would collide with the platform's own hosts and paths. */
const RESERVED_SLUGS = new Set(['www', 'api', 'app', 'admin', 'graphql', 'gateway', 'status', 'docs', 'static']);

export function toTenant(row: TenantEntity): Tenant {
  return { ...row, status: row.status as TenantStatus };
}

export class TenantService {
  constructor(
    private readonly em: EntityManager,
    private readonly plans: PlanService,
  ) {}

  async byIds(ids: readonly string[]): Promise<(Tenant | undefined)[]> {
    const rows = await this.em.find(TenantEntity, { id: { $in: [...ids] } });
    const byId = new Map(rows.map((row) => [row.id, toTenant(row)]));
    return ids.map((id) => byId.get(id));
  }

  async bySlug(slug: string): Promise<Tenant | null> {
    const row = await this.em.findOne(TenantEntity, { slug });
    return row ? toTenant(row) : null;
  }

  async list(first: number, after: string | null | undefined, status?: TenantStatus | null): Promise<Connection<Tenant>> {
    const offset = decodeCursor(after);
    const where: FilterQuery<TenantEntity> = status ? { status } : {};
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
    return toTenant(row);
  }

  async update(id: string, input: UpdateTenantInput): Promise<Tenant> {
    const row = await this.em.findOne(TenantEntity, { id });
    if (!row) throw new AppError('NOT_FOUND', `No tenant with id ${id}`);
    const planCode = input.plan ? storedPlanCode(input.plan) : undefined;
    if (planCode) await this.requirePlan(planCode);
    if (input.name !== undefined) row.name = input.name;
    if (planCode) row.planCode = planCode;
    if (input.status) row.status = input.status;
    await this.em.flush();
    return toTenant(row);
  }

  private async requirePlan(code: string): Promise<void> {
    if (!(await this.plans.exists(code))) throw new AppError('BAD_USER_INPUT', `Unknown plan ${code}`, { field: 'plan' });
  }
}
