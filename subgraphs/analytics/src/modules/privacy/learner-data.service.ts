import { canActForLearner } from '@academy/privacy';
import { AppError, type Principal } from '@academy/service-kit';
import type { DatabaseDialect } from '@academy/subgraph-kit';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { AnalyticsEventEntity, qualifiedTable } from '../events';
import { CertificationMilestoneEntity } from '../timeline';
import { ApiRequestEntity } from '../usage';
import type { BlockedLearners } from './blocked-learners';
import type { LearnerAnalyticsData, LearnerCourseStanding } from './learner-data.type';

/** analytics' section of a learner's data export: the learner themself or a tenant admin of the request's tenant. */
export class LearnerDataService {
  constructor(
    private readonly em: SqlEntityManager,
    private readonly dialect: DatabaseDialect,
    private readonly principal: Principal,
    private readonly blocked: BlockedLearners,
  ) {}

  async section(learnerId: string): Promise<LearnerAnalyticsData> {
    const { tenantId } = this.principal;
    if (tenantId === null) throw new AppError('TENANT_REQUIRED', 'Learners belong to a tenant');
    if (!canActForLearner(this.principal, learnerId)) throw new AppError('FORBIDDEN', 'Only the learner themself or a tenant admin may read this');
    if (this.blocked.has(tenantId, learnerId)) throw new AppError('LEARNER_DATA_BLOCKED', 'The learner’s data is blocked by a cancellation request');
    const [events, milestones, completions, apiOperations] = await Promise.all([
      this.em.find(AnalyticsEventEntity, { tenantId, learnerId }, { orderBy: { occurredAt: 'asc', id: 'asc' } }),
      this.em.find(CertificationMilestoneEntity, { tenantId, learnerId }, { orderBy: { occurredAt: 'asc', id: 'asc' } }),
      // SQL rather than the entity: conocer has an entity class of the same name, which the embedded process also loads.
      this.em.execute<{ course_id: string; completed_at: Date | string | number }[]>(
        `select course_id, completed_at from ${qualifiedTable(this.dialect, 'analytics_course_completion')} where tenant_id = ? and learner_id = ?`,
        [tenantId, learnerId],
      ),
      this.em.count(ApiRequestEntity, { tenantId, principalKind: 'user', principalId: learnerId }),
    ]);
    const completedAt = new Map(completions.map((c) => [c.course_id, new Date(c.completed_at)]));
    const progress = new Map<string, LearnerCourseStanding>();
    for (const event of events) {
      if (event.kind !== 'progress') continue;
      progress.set(event.courseId, { courseId: event.courseId, percent: event.percent ?? 0, lastActivityAt: event.occurredAt, completedAt: completedAt.get(event.courseId) ?? null });
    }
    return {
      events: events.map(({ id, kind, courseId, standardCode, percent, activity, durationSeconds, occurredAt, receivedAt, source }) => ({
        id,
        kind,
        courseId,
        standardCode,
        percent,
        activity,
        durationSeconds,
        occurredAt,
        receivedAt,
        source,
      })),
      certificationMilestones: milestones.map(({ certificationId, standardCode, status, folio, reason, occurredAt, receivedAt }) => ({ certificationId, standardCode, status, folio, reason, occurredAt, receivedAt })),
      progress: [...progress.values()],
      apiOperations,
    };
  }
}
