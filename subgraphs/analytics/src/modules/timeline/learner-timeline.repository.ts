import type { EntityManager } from '@mikro-orm/core';
import { AnalyticsEventEntity } from '../events';
import { CertificationMilestoneEntity } from './certification-milestone.entity';
import { LearnerTimelineEntryKind, type LearnerTimelineEntry } from './learner-timeline.type';

const byTimeDesc = (a: LearnerTimelineEntry, b: LearnerTimelineEntry) => b.occurredAt.getTime() - a.occurredAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

/**
 * One learner's timeline, newest first, from the two tables that hold it: the learning events and the
 * certification milestones, each read through its `(tenant_id, learner_id, occurred_at)` index and
 * merged. Both are ordered by (occurredAt desc, id desc), so the first `limit` of the merge are the
 * first `limit` overall.
 */
export class LearnerTimelineRepository {
  constructor(private readonly em: EntityManager) {}

  /** `before` alone excludes its whole instant; with `beforeId`, the entries of that instant ordered after that id stay in. */
  async newest(tenantId: string, learnerId: string, limit: number, before: Date | null, beforeId: string | null = null): Promise<LearnerTimelineEntry[]> {
    const older = before && (beforeId ? { $or: [{ occurredAt: { $lt: before } }, { occurredAt: before, id: { $lt: beforeId } }] } : { occurredAt: { $lt: before } });
    const where = { tenantId, learnerId, ...older };
    const options = { orderBy: { occurredAt: 'desc', id: 'desc' }, limit } as const;
    const [events, milestones] = await Promise.all([
      this.em.find(AnalyticsEventEntity, where, { ...options, fields: ['id', 'occurredAt', 'kind', 'courseId', 'standardCode', 'percent', 'activity', 'durationSeconds'] }),
      this.em.find(CertificationMilestoneEntity, where, options),
    ]);
    return [...events.map(fromEvent), ...milestones.map(fromMilestone)].sort(byTimeDesc).slice(0, limit);
  }
}

type TimelineEvent = Pick<AnalyticsEventEntity, 'id' | 'occurredAt' | 'kind' | 'courseId' | 'standardCode' | 'percent' | 'activity' | 'durationSeconds'>;

function fromEvent(event: TimelineEvent): LearnerTimelineEntry {
  const progress = event.kind === 'progress';
  return {
    id: event.id,
    kind: progress ? LearnerTimelineEntryKind.PROGRESS : LearnerTimelineEntryKind.ENGAGEMENT,
    occurredAt: event.occurredAt,
    courseId: event.courseId,
    standardCode: event.standardCode,
    percent: progress ? event.percent : null,
    activity: progress ? null : (event.activity as LearnerTimelineEntry['activity']),
    durationSeconds: progress ? null : event.durationSeconds,
    certificationId: null,
    certificationStatus: null,
    folio: null,
    reason: null,
  };
}

function fromMilestone(milestone: CertificationMilestoneEntity): LearnerTimelineEntry {
  return {
    id: milestone.id,
    kind: LearnerTimelineEntryKind.CERTIFICATION,
    occurredAt: milestone.occurredAt,
    courseId: null,
    standardCode: milestone.standardCode,
    percent: null,
    activity: null,
    durationSeconds: null,
    certificationId: milestone.certificationId,
    certificationStatus: milestone.status,
    folio: milestone.folio,
    reason: milestone.reason,
  };
}
