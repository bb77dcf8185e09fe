import { type ActivityFigures, emptyFigures, type FiguresScope, type PeriodFigures } from './figures';
import { activitiesSelect, figuresSelect } from './figures-sql';
import type { Granularity } from './period';
import { type SqlRunner, type SqlValue, toDate, toNumber } from './sql-runner';
import { WHOLE_TENANT } from './course-period.entity';

type Numeric = number | string;

interface FigureRow {
  period_start?: Date | number | string;
  events: Numeric;
  active_learners: Numeric;
  progress_events: Numeric;
  completions: Numeric;
  percent_sum: Numeric;
  engagement_events: Numeric;
  engagement_seconds: Numeric;
}

interface ActivityRow {
  period_start?: Date | number | string;
  activity: string;
  events: Numeric;
  seconds: Numeric;
}

export interface LedgerEntry {
  computedAt: Date | null;
  staleAt: Date | null;
}

/** A period's aggregate rows may be served while they were computed after its last late event. */
export const isFresh = (entry: LedgerEntry | undefined): boolean =>
  entry?.computedAt != null && (entry.staleAt === null || entry.staleAt.getTime() < entry.computedAt.getTime());

const figuresOf = (start: Date, row: FigureRow | undefined, activities: ActivityFigures[]): PeriodFigures => {
  if (!row) return { ...emptyFigures(start), activities };
  return {
    start: start.toISOString(),
    events: toNumber(row.events),
    activeLearners: toNumber(row.active_learners),
    progressEvents: toNumber(row.progress_events),
    completions: toNumber(row.completions),
    percentSum: toNumber(row.percent_sum),
    engagementEvents: toNumber(row.engagement_events),
    engagementSeconds: toNumber(row.engagement_seconds),
    activities,
  };
};

const byActivity = (a: ActivityFigures, b: ActivityFigures) => (a.activity < b.activity ? -1 : a.activity > b.activity ? 1 : 0);

/**
 * Reads of the aggregate tables and of raw events for periods not aggregated. Every statement names
 * the tenant explicitly (raw SQL bypasses the ORM's tenant filter); callers pass the caller's tenant.
 */
export class AggregateRepository {
  constructor(private readonly sql: SqlRunner) {}

  /** The ledger entries of the periods starting in [from, to), by ISO start. */
  async ledger(granularity: Granularity, from: Date, to: Date): Promise<Map<string, LedgerEntry>> {
    const sql = this.sql;
    const rows = await sql.rows<{ period_start: Date | number; computed_at: Date | number | null; stale_at: Date | number | null }>(
      `select period_start, computed_at, stale_at from ${sql.table('analytics_aggregate_period')} where granularity = ? and period_start >= ${sql.timestamp} and period_start < ${sql.timestamp}`,
      [granularity, from, to],
    );
    return new Map(
      rows.map((row) => [
        toDate(row.period_start).toISOString(),
        { computedAt: row.computed_at === null ? null : toDate(row.computed_at), staleAt: row.stale_at === null ? null : toDate(row.stale_at) },
      ]),
    );
  }

  /** The stored figures of the periods in `starts` (all of one granularity); periods without rows had no events. */
  async stored({ tenantId, courseId }: FiguresScope, granularity: Granularity, starts: Date[]): Promise<PeriodFigures[]> {
    if (starts.length === 0) return [];
    const sql = this.sql;
    const params: SqlValue[] = [tenantId, courseId ?? WHOLE_TENANT, granularity, starts[0]!, starts.at(-1)!];
    const where = `where tenant_id = ? and course_id = ? and granularity = ? and period_start >= ${sql.timestamp} and period_start <= ${sql.timestamp}`;
    const [figures, activities] = await Promise.all([
      sql.rows<FigureRow>(`select * from ${sql.table('analytics_course_period')} ${where}`, params),
      sql.rows<ActivityRow>(`select period_start, activity, events, seconds from ${sql.table('analytics_activity_period')} ${where}`, params),
    ]);
    const figureAt = new Map(figures.map((row) => [toDate(row.period_start!).toISOString(), row]));
    const activitiesAt = new Map<string, ActivityFigures[]>();
    for (const row of activities) {
      const key = toDate(row.period_start!).toISOString();
      activitiesAt.set(key, [...(activitiesAt.get(key) ?? []), { activity: row.activity, events: toNumber(row.events), seconds: toNumber(row.seconds) }]);
    }
    return starts.map((start) => figuresOf(start, figureAt.get(start.toISOString()), (activitiesAt.get(start.toISOString()) ?? []).sort(byActivity)));
  }

  /** One period's figures computed from the raw events (a period the job has not aggregated, or the current one). */
  async live({ tenantId, courseId }: FiguresScope, start: Date, end: Date): Promise<PeriodFigures> {
    const sql = this.sql;
    const wholeTenant = courseId === null;
    const where = wholeTenant ? ' and tenant_id = ?' : ' and tenant_id = ? and course_id = ?';
    const params: SqlValue[] = [start, end, tenantId, ...(wholeTenant ? [] : [courseId])];
    const [figures, activities] = await Promise.all([
      sql.rows<FigureRow>(figuresSelect(sql, { wholeTenant, where }), params),
      sql.rows<ActivityRow>(activitiesSelect(sql, { wholeTenant, where }), params),
    ]);
    const list = activities.map((row) => ({ activity: row.activity, events: toNumber(row.events), seconds: toNumber(row.seconds) })).sort(byActivity);
    return figuresOf(start, figures[0], list);
  }
}
