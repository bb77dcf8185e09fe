import { AppError, type Principal } from '@academy/service-kit';
import { checkPageSize, type Connection, decodeCursor, toConnection } from '@academy/subgraph-kit';
import { type EntityManager, type FilterQuery, UniqueConstraintViolationException } from '@mikro-orm/core';
import { ProgressEventEntity } from './progress-event.entity';
import type { RecordProgressInput } from './progress-event.input';
import type { ProgressEventRepository } from './progress-event.repository';
import type { ProgressEvent } from './progress-event.type';
import { EMPTY_PROGRESS_SUMMARY, type ProgressSummary } from './progress-summary.type';

/** Operators of the marketplace itself; the only callers that may look across tenants. */
export const PLATFORM_ADMIN_ROLE = 'platform_admin';
export const MAX_RECENT_PROGRESS = 50;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function toProgressEvent({ id, tenantId, learnerId, courseId, standardCode, percent, occurredAt, receivedAt }: ProgressEventEntity): ProgressEvent {
  return { id, tenantId, learnerId, courseId, standardCode, percent, occurredAt, receivedAt };
}

export interface ProgressFilter {
  learnerId?: string | null;
  courseId?: string | null;
}

export class ProgressService {
  constructor(
    private readonly em: EntityManager,
    private readonly repository: ProgressEventRepository,
    private readonly principal: Principal,
  ) {}

  /**
   * The isolation rule until the authorization layer lands: a caller sees its own tenant's data and
   * nothing else; only platform admins see every tenant. A caller without a tenant owns none.
   */
  canSee(tenantId: string): boolean {
    return this.principal.roles.includes(PLATFORM_ADMIN_ROLE) || this.principal.tenantId === tenantId;
  }

  /** Writes and tenant-wide lists always use the caller's tenant, never one named in the request. */
  private requireTenant(): string {
    const { tenantId } = this.principal;
    if (tenantId === null) throw new AppError('TENANT_REQUIRED', 'A tenant is required for progress events');
    return tenantId;
  }

  async record(input: RecordProgressInput): Promise<ProgressEvent> {
    const tenantId = this.requireTenant();
    const clientEventId = input.clientEventId ?? null;
    if (clientEventId !== null) {
      const existing = await this.em.findOne(ProgressEventEntity, { tenantId, clientEventId });
      if (existing) return toProgressEvent(existing);
    }
    const row = this.em.create(ProgressEventEntity, {
      tenantId,
      learnerId: input.learnerId,
      courseId: input.courseId,
      standardCode: input.standardCode ?? null,
      percent: input.percent,
      clientEventId,
      occurredAt: input.occurredAt ?? new Date(),
    });
    try {
      await this.em.persistAndFlush(row);
    } catch (error) {
      // A concurrent retry with the same clientEventId won the insert: answer with its row.
      if (!(error instanceof UniqueConstraintViolationException) || clientEventId === null) throw error;
      this.em.clear();
      return toProgressEvent(await this.em.findOneOrFail(ProgressEventEntity, { tenantId, clientEventId }));
    }
    return toProgressEvent(row);
  }

  async list(filter: ProgressFilter, first: number, after?: string | null): Promise<Connection<ProgressEvent>> {
    const where: FilterQuery<ProgressEventEntity> = { tenantId: this.requireTenant() };
    if (filter.learnerId != null) where.learnerId = filter.learnerId;
    if (filter.courseId != null) where.courseId = filter.courseId;
    const offset = decodeCursor(after);
    const [rows, total] = await this.em.findAndCount(ProgressEventEntity, where, {
      orderBy: { occurredAt: 'desc', id: 'desc' },
      limit: checkPageSize(first),
      offset,
    });
    return toConnection(rows.map(toProgressEvent), offset, total);
  }

  /** Batch for the summary loader; tenants the caller may not see get an empty summary without a query. */
  async summaries(tenantIds: readonly string[]): Promise<ProgressSummary[]> {
    const found = await this.repository.summaries(tenantIds.filter((id) => this.canSee(id)));
    return tenantIds.map((id) => found.get(id) ?? { ...EMPTY_PROGRESS_SUMMARY });
  }

  /** Batch for the recent-progress loader; tenants the caller may not see get an empty list. */
  async recent(tenantIds: readonly string[], first: number): Promise<ProgressEvent[][]> {
    const found = await this.repository.recent(tenantIds.filter((id) => this.canSee(id)), first);
    return tenantIds.map((id) => (found.get(id) ?? []).map(toProgressEvent));
  }

  /** Batch for `_entities`; an event of a tenant the caller may not see resolves to nothing. */
  async byIds(ids: readonly string[]): Promise<(ProgressEvent | undefined)[]> {
    const wellFormed = ids.filter((id) => UUID.test(id));
    const rows = wellFormed.length ? await this.em.find(ProgressEventEntity, { id: { $in: wellFormed } }) : [];
    const byId = new Map(rows.filter((row) => this.canSee(row.tenantId)).map((row) => [row.id, toProgressEvent(row)]));
    return ids.map((id) => byId.get(id));
  }
}

export function checkRecentCount(first: number): number {
  if (!Number.isInteger(first) || first < 1 || first > MAX_RECENT_PROGRESS) {
    throw new AppError('BAD_USER_INPUT', `first must be between 1 and ${MAX_RECENT_PROGRESS}`, { argument: 'first' });
  }
  return first;
}
