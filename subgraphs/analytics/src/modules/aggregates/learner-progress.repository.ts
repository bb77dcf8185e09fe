import type { LearnerCourseProgress } from './learner-progress.type';
import { type SqlRunner, toDate, toNumber } from './sql-runner';

interface CourseRow {
  course_id: string;
  progress_events: number | string;
  best_percent: number | string | null;
  engagement_events: number | string;
  engagement_seconds: number | string;
  completed_at: Date | number | string | null;
  first_at: Date | number | string;
  last_at: Date | number | string;
  latest_percent: number | string | null;
}

/**
 * One learner's progress per course, computed from the learner's own events (the `(tenant_id,
 * learner_id, occurred_at)` index) on every call. Nothing per learner is aggregated elsewhere, so a
 * learner whose events are deleted has no progress left anywhere.
 */
export class LearnerProgressRepository {
  constructor(private readonly sql: SqlRunner) {}

  async courses(tenantId: string, learnerId: string): Promise<LearnerCourseProgress[]> {
    const sql = this.sql;
    const events = sql.table('analytics_events');
    const rows = await sql.rows<CourseRow>(
      `select e.course_id,
          sum(case when e.kind = 'progress' then 1 else 0 end) as progress_events,
          max(e.percent) as best_percent,
          sum(case when e.kind = 'engagement' then 1 else 0 end) as engagement_events,
          coalesce(sum(e.duration_seconds), 0) as engagement_seconds,
          min(case when e.percent = 100 then e.occurred_at end) as completed_at,
          min(e.occurred_at) as first_at,
          max(e.occurred_at) as last_at,
          (select l.percent from ${events} l
            where l.tenant_id = e.tenant_id and l.learner_id = e.learner_id and l.course_id = e.course_id and l.kind = 'progress'
            order by l.occurred_at desc, l.received_at desc limit 1) as latest_percent
        from ${events} e
        where e.tenant_id = ? and e.learner_id = ?
        group by e.tenant_id, e.learner_id, e.course_id`,
      [tenantId, learnerId],
    );
    return rows
      .map((row) => ({
        courseId: row.course_id,
        percent: toNumber(row.latest_percent),
        bestPercent: toNumber(row.best_percent),
        progressEvents: toNumber(row.progress_events),
        engagementEvents: toNumber(row.engagement_events),
        engagementMinutes: toNumber(row.engagement_seconds) / 60,
        completedAt: row.completed_at === null ? null : toDate(row.completed_at),
        firstActivityAt: toDate(row.first_at),
        lastActivityAt: toDate(row.last_at),
      }))
      .sort((a, b) => b.lastActivityAt.getTime() - a.lastActivityAt.getTime() || (a.courseId < b.courseId ? -1 : 1));
  }
}
