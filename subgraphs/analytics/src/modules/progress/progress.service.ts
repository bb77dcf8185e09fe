import { AppError, type Principal } from '@academy/service-kit';
import { checkPageSize, type Connection, decodeCursor, toConnection } from '@academy/subgraph-kit';
import type { EntityManager, FilterQuery } from '@mikro-orm/core';
import { AnalyticsEventEntity } from '../events';
import { type EventIngestor, refusedEventError } from '../pipeline';
import type { RecordProgressInput } from './progress-event.input';
import { type ProgressAudience, progressAudienceOf } from './progress.audience';
import type { ProgressEventRepository } from './progress-event.repository';
import type { ProgressEvent } from './progress-event.type';
import { EMPTY_PROGRESS_SUMMARY, type ProgressSummary } from './progress-summary.type';

export const MAX_RECENT_PROGRESS = 50;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type StoredProgress = Pick<AnalyticsEventEntity, 'id' | 'tenantId' | 'learnerId' | 'courseId' | 'standardCode' | 'percent' | 'occurredAt' | 'receivedAt' | 'lineage'>;

export function toProgressEvent({ id, tenantId, learnerId, courseId, standardCode, percent, occurredAt, receivedAt, lineage }: StoredProgress): ProgressEvent {
  return { id, tenantId, learnerId, courseId, standardCode, percent: percent ?? 0, occurredAt, receivedAt, lineage };
}

export interface ProgressFilter {
  learnerId?: string | null;
  courseId?: string | null;
}

type Where = FilterQuery<AnalyticsEventEntity>;

/** Reads see progress events only; the table holds engagement too. */
const PROGRESS = { kind: 'progress' } as const;

/**
 * Tenant isolation is not decided here: the request's EntityManager carries the tenant filter
 * (`@TenantScoped()` on the entity), so every read below sees only the caller's tenant, or every
 * tenant for platform admins. What this service adds is the learner rule (`progressAudienceOf`).
 * Writes go through the pipeline, like every other source of events.
 */
export class ProgressService {
  private readonly audience: ProgressAudience;

  constructor(
    private readonly em: EntityManager,
    private readonly repository: ProgressEventRepository,
    private readonly principal: Principal,
    private readonly pipeline: EventIngestor,
    /** Learners whose data is blocked by a cancellation: no longer shown. */
    private readonly blocked: { has(tenantId: string, learnerId: string): boolean; of(tenantId: string): string[] },
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

  private async findVisible(where: { id: string; occurredAt: Date }): Promise<AnalyticsEventEntity | null> {
    const visible = this.visible({ $and: [where, PROGRESS] });
    return visible ? this.em.findOne(AnalyticsEventEntity, visible) : null;
  }

  async record(input: RecordProgressInput): Promise<ProgressEvent> {
    const tenantId = this.requireTenant();
    if (this.audience.kind === 'learner' && input.learnerId !== this.audience.learnerId) {
      throw new AppError('FORBIDDEN', 'Learners record only their own progress', { argument: 'input.learnerId' });
    }
    const [result] = await this.pipeline.ingest([{ kind: 'progress', source: 'api', tenantId, tenantVerified: true, data: input, receivedAt: new Date() }]);
    if (result!.status === 'stored') return toProgressEvent(result!.event);
    if (result!.status === 'rejected') {
      throw refusedEventError(result!.reasons, result!.deadLetterId);
    }
    const stored = await this.findVisible({ id: result!.eventId, occurredAt: result!.occurredAt });
    // Another learner's event holds the id: say so without showing it.
    if (!stored) throw new AppError('CONFLICT', 'This clientEventId is already used', { argument: 'input.clientEventId' });
    return toProgressEvent(stored);
  }

  async list(filter: ProgressFilter, first: number, after?: string | null): Promise<Connection<ProgressEvent>> {
    const limit = checkPageSize(first);
    const offset = decodeCursor(after);
    const tenantId = this.requireTenant();
    const hidden = this.blocked.of(tenantId);
    const where = this.visible({
      ...PROGRESS,
      tenantId,
      ...(hidden.length > 0 && { learnerId: { $nin: hidden } }),
      ...(filter.learnerId != null && { $and: [{ learnerId: filter.learnerId }] }),
      ...(filter.courseId != null && { courseId: filter.courseId }),
    });
    if (where === null) return toConnection([], offset, 0);
    const [rows, total] = await this.em.findAndCount(AnalyticsEventEntity, where, { orderBy: { occurredAt: 'desc', id: 'desc' }, limit, offset });
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
    return tenantIds.map((id) => (found.get(id) ?? []).filter((row) => !this.blocked.has(row.tenantId, row.learnerId)).map(toProgressEvent));
  }

  /** Batch for `_entities`: another tenant's (or learner's) event resolves to nothing, like an unknown id. */
  async byIds(ids: readonly string[]): Promise<(ProgressEvent | undefined)[]> {
    // Only well-formed ids reach the query: PostgreSQL would reject a malformed uuid with an error.
    const wellFormed = ids.filter((id) => UUID.test(id));
    const where = wellFormed.length ? this.visible({ id: { $in: wellFormed }, ...PROGRESS }) : null;
    const rows = where ? await this.em.find(AnalyticsEventEntity, where) : [];
    const byId = new Map(rows.filter((row) => !this.blocked.has(row.tenantId, row.learnerId)).map((row) => [row.id, toProgressEvent(row)]));
    return ids.map((id) => byId.get(id));
  }
}

export function checkRecentCount(first: number): number {
  if (!Number.isInteger(first) || first < 1 || first > MAX_RECENT_PROGRESS) {
    throw new AppError('BAD_USER_INPUT', `first must be between 1 and ${MAX_RECENT_PROGRESS}`, { argument: 'first' });
  }
  return first;
}
