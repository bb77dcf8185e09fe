import { AppError, type Principal } from '@academy/service-kit';
import type { EntityManager } from '@mikro-orm/core';
import { AnalyticsEventEntity, type EventKind } from '../events';
import type { EngagementActivity } from '../events';
import { type EventIngestor, type IngestItem, refusedEventError } from '../pipeline';
import { progressAudienceOf } from '../progress';
import type { EngagementEvent } from './engagement-event.type';
import type { RecordEngagementInput } from './engagement-event.input';
import { type IngestionReport, IngestionStatus } from './ingestion-report.type';

/** Events per batch mutation: one pipeline batch, and a bounded response. */
export const MAX_BATCH_EVENTS = 1000;

type StoredEngagement = Pick<AnalyticsEventEntity, 'id' | 'tenantId' | 'learnerId' | 'courseId' | 'activity' | 'durationSeconds' | 'occurredAt' | 'receivedAt' | 'lineage'>;

export function toEngagementEvent({ id, tenantId, learnerId, courseId, activity, durationSeconds, occurredAt, receivedAt, lineage }: StoredEngagement): EngagementEvent {
  return { id, tenantId, learnerId, courseId, activity: activity as EngagementActivity, durationSeconds: durationSeconds ?? 0, occurredAt, receivedAt, lineage };
}

/** What a report needs of each result: the pipeline's, or another store's (certification milestones replayed from dead letters). */
export type ReportedResult = { status: 'stored'; event: { id: string } } | { status: 'duplicate'; eventId: string } | { status: 'rejected'; reasons: string[]; deadLetterId?: string };

export function toReport(results: readonly ReportedResult[]): IngestionReport {
  const report: IngestionReport = { stored: 0, duplicates: 0, rejected: 0, results: [] };
  results.forEach((result, index) => {
    if (result.status === 'stored') report.stored++;
    else if (result.status === 'duplicate') report.duplicates++;
    else report.rejected++;
    report.results.push({
      index,
      status: result.status === 'stored' ? IngestionStatus.STORED : result.status === 'duplicate' ? IngestionStatus.DUPLICATE : IngestionStatus.REJECTED,
      eventId: result.status === 'stored' ? result.event.id : result.status === 'duplicate' ? result.eventId : null,
      reasons: result.status === 'rejected' ? result.reasons : [],
      deadLetterId: result.status === 'rejected' ? (result.deadLetterId ?? null) : null,
    });
  });
  return report;
}

/**
 * Engagement and batch ingestion for API callers. The caller's tenant is the events' tenant (the
 * gateway resolved it); batches are for the tenant-wide roles, so no item can speak for another learner.
 */
export class IngestionService {
  constructor(
    private readonly em: EntityManager,
    private readonly principal: Principal,
    private readonly pipeline: EventIngestor,
  ) {}

  private requireTenant(): string {
    const { tenantId } = this.principal;
    if (tenantId === null) throw new AppError('TENANT_REQUIRED', 'A tenant is required to record events');
    return tenantId;
  }

  private item(kind: EventKind, data: unknown, tenantId: string, receivedAt: Date): IngestItem {
    return { kind, source: 'api', tenantId, tenantVerified: true, data, receivedAt };
  }

  async recordEngagement(input: RecordEngagementInput): Promise<EngagementEvent> {
    const tenantId = this.requireTenant();
    const audience = progressAudienceOf(this.principal);
    const learner = audience.kind === 'learner' ? audience.learnerId : null;
    if (audience.kind === 'learner' && input.learnerId !== learner) throw new AppError('FORBIDDEN', 'Learners record only their own engagement', { argument: 'input.learnerId' });
    const [result] = await this.pipeline.ingest([this.item('engagement', input, tenantId, new Date())]);
    if (result!.status === 'stored') return toEngagementEvent(result!.event);
    if (result!.status === 'rejected') {
      throw refusedEventError(result!.reasons, result!.deadLetterId);
    }
    const stored = await this.em.findOne(AnalyticsEventEntity, {
      id: result!.eventId,
      occurredAt: result!.occurredAt,
      kind: 'engagement',
      ...(learner !== null && { learnerId: learner }),
    });
    if (!stored) throw new AppError('CONFLICT', 'This clientEventId is already used', { argument: 'input.clientEventId' });
    return toEngagementEvent(stored);
  }

  async recordBatch(kind: EventKind, events: readonly object[]): Promise<IngestionReport> {
    const tenantId = this.requireTenant();
    if (events.length === 0 || events.length > MAX_BATCH_EVENTS) {
      throw new AppError('BAD_USER_INPUT', `A batch holds 1 to ${MAX_BATCH_EVENTS} events`, { argument: 'events', maxEvents: MAX_BATCH_EVENTS });
    }
    const receivedAt = new Date();
    // GraphQL hands input objects over with null prototypes; the pipeline validates plain data.
    const results = await this.pipeline.ingest(events.map((event) => this.item(kind, { ...event }, tenantId, receivedAt)));
    return toReport(results);
  }
}
