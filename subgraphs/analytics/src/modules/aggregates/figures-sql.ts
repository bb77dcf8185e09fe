import type { SqlRunner } from './sql-runner';

/**
 * The SELECTs that compute figures from raw events over [?, ?) — shared by the job (which inserts
 * their rows for every tenant) and by queries of periods not aggregated yet (one tenant or course), so
 * both count alike. Per course, a completion is a learner who reported 100 % in the period; for the
 * whole tenant, a learner–course pair. `percent` is null except on progress events.
 */
export function figuresSelect(sql: SqlRunner, { wholeTenant, where = '' }: { wholeTenant: boolean; where?: string }): string {
  const course = wholeTenant ? `'' as course_id` : 'course_id';
  const completed = wholeTenant ? `learner_id || '/' || course_id` : 'learner_id';
  return `select tenant_id, ${course},
      count(*) as events,
      count(distinct learner_id) as active_learners,
      sum(case when kind = 'progress' then 1 else 0 end) as progress_events,
      count(distinct case when percent = 100 then ${completed} end) as completions,
      coalesce(sum(percent), 0) as percent_sum,
      sum(case when kind = 'engagement' then 1 else 0 end) as engagement_events,
      coalesce(sum(duration_seconds), 0) as engagement_seconds
    from ${sql.table('analytics_events')}
    where occurred_at >= ${sql.timestamp} and occurred_at < ${sql.timestamp}${where}
    group by tenant_id${wholeTenant ? '' : ', course_id'}`;
}

/** Engagement per activity over [?, ?), per course or for the whole tenant. */
export function activitiesSelect(sql: SqlRunner, { wholeTenant, where = '' }: { wholeTenant: boolean; where?: string }): string {
  const course = wholeTenant ? `'' as course_id` : 'course_id';
  return `select tenant_id, ${course}, activity, count(*) as events, coalesce(sum(duration_seconds), 0) as seconds
    from ${sql.table('analytics_events')}
    where kind = 'engagement' and occurred_at >= ${sql.timestamp} and occurred_at < ${sql.timestamp}${where}
    group by tenant_id, ${wholeTenant ? '' : 'course_id, '}activity`;
}

export const FIGURE_COLUMNS = ['events', 'active_learners', 'progress_events', 'completions', 'percent_sum', 'engagement_events', 'engagement_seconds'] as const;
