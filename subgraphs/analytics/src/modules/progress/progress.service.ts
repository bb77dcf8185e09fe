import { AppError, type Principal } from '@academy/service-kit';
import { checkPageSize, type Connection, decodeCursor, toConnection } from '@academy/subgraph-kit';
import { type EntityManager, type FilterQuery, UniqueConstraintViolationException } from '@mikro-orm/core';
import { ProgressEventEntity } from './progress-event.entity';
import type { RecordProgressInput } from './progress-event.input';
import { type ProgressAudience, progressAudienceOf } from './progress.audience';
import type { ProgressEventRepository } from './progress-event.repository';
import type { ProgressEvent } from './progress-event.type';
import { EMPTY_PROGRESS_SUMMARY, type ProgressSummary } from './progress-summary.type';

export const MAX_RECENT_PROGRESS = 50;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function toProgressEvent({ id, tenantId, learnerId, courseId, standardCode, percent, occurredAt, receivedAt }: ProgressEventEntity): ProgressEvent {
  return { id, tenantId, learnerId, courseId, standardCode, percent, occurredAt, receivedAt };
}

/** Told about each newly stored event (not a repeated `clientEventId`), after the write. */
export interface ProgressListener {
  progressRecorded(event: ProgressEvent): Promise<void>;
}

export interface ProgressFilter {
  learnerId?: string | null;
  courseId?: string | null;
}

type Where = FilterQuery<ProgressEventEntity>;

/**
 * Tenant isolation is not decided here: the request's EntityManager carries the tenant filter
 * (`@TenantScoped()` on the entity), so every read below sees only the caller's tenant, or every
 * tenant for platform admins. What this service adds is the learner rule (`progressAudienceOf`).
 */
export class ProgressService {
  private readonly audience: ProgressAudience;

  constructor(
    private readonly em: EntityManager,
    private readonly repository: ProgressEventRepository,
    private readonly principal: Principal,
    private readonly listener?: ProgressListener,
  ) {
    this.audience = progressAudienceOf(principal);
  }

  /** Writes and tenant-wide lists always use the caller's tenant, never one named in the request. */
  private requireTenant(): string {
    const { tenantId } = this.principal;
    if (tenantId === null) throw new AppError('TENANT_REQUIRED', 'A tenant is required for progress events');
    return tenantId;
  }

  /** `where` narrowed to the caller's audience; null when it may see no event at all. */
  private visible(where: Where): Where | null {
    if (this.audience.kind === 'tenant') return where;
    if (this.audience.learnerId === null) return null;
    // $and rather than overwriting, so a learner asking for another learner's events gets none.
    return { $and: [where, { learnerId: this.audience.learnerId }] };
  }

  private async findVisible(where: Where): Promise<ProgressEventEntity | null> {
    const visible = this.visible(where);
    return visible ? this.em.findOne(ProgressEventEntity, visible) : null;
  }

  async record(input: RecordProgressInput): Promise<ProgressEvent> {
    const tenantId = this.requireTenant();
    if (this.audience.kind === 'learner' && input.learnerId !== this.audience.learnerId) {
      throw new AppError('FORBIDDEN', 'Learners record only their own progress', { argument: 'input.learnerId' });
    }
    const clientEventId = input.clientEventId ?? null;
    if (clientEventId !== null) {
      const existing = await this.findVisible({ tenantId, clientEventId });
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
      const winner = await this.findVisible({ tenantId, clientEventId });
      // Another learner's event holds the id: say so without showing it.
      if (!winner) throw new AppError('CONFLICT', 'This clientEventId is already used', { argument: 'input.clientEventId' });
      return toProgressEvent(winner);
    }
    const recorded = toProgressEvent(row);
    await this.listener?.progressRecorded(recorded);
    return recorded;
  }

  async list(filter: ProgressFilter, first: number, after?: string | null): Promise<Connection<ProgressEvent>> {
    const limit = checkPageSize(first);
    const offset = decodeCursor(after);
    const where = this.visible({
      tenantId: this.requireTenant(),
      ...(filter.learnerId != null && { learnerId: filter.learnerId }),
      ...(filter.courseId != null && { courseId: filter.courseId }),
    });
    if (where === null) return toConnection([], offset, 0);
    const [rows, total] = await this.em.findAndCount(ProgressEventEntity, where, { orderBy: { occurredAt: 'desc', id: 'desc' }, limit, offset });
    return toConnection(rows.map(toProgressEvent), offset, total);
  }

  /** Batch for the summary loader: tenant-wide aggregates; another tenant's come back empty (filtered). */
  async summaries(tenantIds: readonly string[]): Promise<ProgressSummary[]> {
    const found = await this.repository.summaries(tenantIds);
    return tenantIds.map((id) => found.get(id) ?? { ...EMPTY_PROGRESS_SUMMARY });
  }

  /** Batch for the recent-progress loader: events, so learners get only their own. */
  async recent(tenantIds: readonly string[], first: number): Promise<ProgressEvent[][]> {
    const { audience } = this;
    if (audience.kind === 'learner' && audience.learnerId === null) return tenantIds.map(() => []);
    const found = await this.repository.recent(tenantIds, first, audience.kind === 'learner' ? (audience.learnerId ?? undefined) : undefined);
    return tenantIds.map((id) => (found.get(id) ?? []).map(toProgressEvent));
  }

  /** Batch for `_entities`: another tenant's (or learner's) event resolves to nothing, like an unknown id. */
  async byIds(ids: readonly string[]): Promise<(ProgressEvent | undefined)[]> {
    // Only well-formed ids reach the query: PostgreSQL would reject a malformed uuid with an error.
    const wellFormed = ids.filter((id) => UUID.test(id));
    const where = wellFormed.length ? this.visible({ id: { $in: wellFormed } }) : null;
    const rows = where ? await this.em.find(ProgressEventEntity, where) : [];
    const byId = new Map(rows.map((row) => [row.id, toProgressEvent(row)]));
    return ids.map((id) => byId.get(id));
  }
}

export function checkRecentCount(first: number): number {
  if (!Number.isInteger(first) || first < 1 || first > MAX_RECENT_PROGRESS) {
    throw new AppError('BAD_USER_INPUT', `first must be between 1 and ${MAX_RECENT_PROGRESS}`, { argument: 'first' });
  }
  return first;
}
