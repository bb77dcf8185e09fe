import type { Logger } from '@academy/service-kit';
import type { DatabaseDialect } from '@academy/subgraph-kit';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { AggregateRepository, isFresh } from './aggregate.repository';
import { FIGURE_COLUMNS, activitiesSelect, figuresSelect } from './figures-sql';
import { GRANULARITIES, type Granularity, nextPeriod, periodStart, periodsContaining } from './period';
import { SqlRunner } from './sql-runner';

/**
 * A closed period is aggregated only this long after its end, so events processed right at the
 * boundary (stored a moment after it, and not routed as late) are in. Queries read unsettled periods
 * from the raw events.
 */
export const SETTLE_MS = 10 * 60_000;

/** How far back each run checks that closed periods are aggregated (catching up after downtime). */
const LOOKBACK: Record<Granularity, number> = { DAY: 35, WEEK: 10, MONTH: 3 };

export interface AggregatePeriod {
  granularity: Granularity;
  start: Date;
}

export interface ComputeOptions {
  /** Recompute even when the period is fresh (a deliberate re-run). @default false */
  force?: boolean;
}

/**
 * The aggregate job: daily, weekly and monthly figures per tenant and course, computed from the raw
 * events one period at a time (for all tenants) in one transaction that replaces the period's rows,
 * so a re-run is idempotent. Several replicas may run it at once: on PostgreSQL a transaction-level
 * advisory lock per period serialises them, and the second finds the period fresh and skips it;
 * SQLite is single-process, where runs are chained.
 */
export class AggregateJob {
  private chain: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly em: SqlEntityManager,
    private readonly dialect: DatabaseDialect,
    private readonly logger: Logger,
  ) {}

  /** Computes every period due at `now`; returns those it computed. */
  async runDue(now = new Date()): Promise<AggregatePeriod[]> {
    const done: AggregatePeriod[] = [];
    for (const period of await this.due(now)) {
      if (await this.compute(period.granularity, period.start, {}, now)) done.push(period);
    }
    if (done.length) this.logger.info({ periods: done.length }, 'aggregates: periods computed');
    return done;
  }

  /** Marks the periods containing these instants stale (late events were stored in them). */
  async markStale(instants: Date[], at = new Date()): Promise<void> {
    const periods = new Map<string, AggregatePeriod>();
    for (const instant of instants) for (const p of periodsContaining(instant)) periods.set(`${p.granularity}:${p.start.toISOString()}`, p);
    if (periods.size === 0) return;
    const sql = new SqlRunner(this.em.fork(), this.dialect);
    // One statement per batch of late events, whatever the number of periods they touch; rows in key
    // order, so concurrent batches lock them in the same order and cannot deadlock.
    const rows = [...periods.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, period]) => period);
    await sql.run(
      `insert into ${sql.table('analytics_aggregate_period')} (granularity, period_start, computed_at, stale_at)
       values ${rows.map(() => `(?, ${sql.timestamp}, null, ${sql.timestamp})`).join(', ')}
       on conflict (granularity, period_start) do update set stale_at = excluded.stale_at`,
      rows.flatMap(({ granularity, start }) => [granularity, start, at]),
    );
  }

  /**
   * (Re)computes one period, which must be settled. Returns false when it was fresh already (another
   * runner did it) and `force` was not set.
   */
  compute(granularity: Granularity, start: Date, { force = false }: ComputeOptions = {}, now = new Date()): Promise<boolean> {
    const end = nextPeriod(start, granularity);
    if (end.getTime() + SETTLE_MS > now.getTime()) throw new RangeError(`the ${granularity} period from ${start.toISOString()} is not settled yet`);
    const run = this.chain.then(() => this.em.fork().transactional((tx) => this.computeIn(tx, granularity, start, end, force)));
    this.chain = run.catch(() => undefined);
    return run;
  }

  private async computeIn(tx: SqlEntityManager, granularity: Granularity, start: Date, end: Date, force: boolean): Promise<boolean> {
    const sql = new SqlRunner(tx, this.dialect);
    if (this.dialect === 'postgresql') {
      await sql.run('select pg_advisory_xact_lock(hashtext(?), hashtext(?))', ['analytics.aggregates', `${granularity}:${start.toISOString()}`]);
    }
    const ledger = await new AggregateRepository(sql).ledger(granularity, start, new Date(start.getTime() + 1));
    if (!force && isFresh(ledger.get(start.toISOString()))) return false;
    // Events committed from here on may be missed; a late one marks the period stale after this, so it is recomputed.
    const computedAt = new Date();
    const key = [granularity, start] as const;
    const where = `where granularity = ? and period_start = ${sql.timestamp}`;
    await sql.run(`delete from ${sql.table('analytics_course_period')} ${where}`, [...key]);
    await sql.run(`delete from ${sql.table('analytics_activity_period')} ${where}`, [...key]);
    const figures = FIGURE_COLUMNS.join(', ');
    for (const wholeTenant of [false, true]) {
      await sql.run(
        `insert into ${sql.table('analytics_course_period')} (tenant_id, course_id, granularity, period_start, ${figures})
         select tenant_id, course_id, ?, ${sql.timestamp}, ${figures} from (${figuresSelect(sql, { wholeTenant })}) f`,
        [...key, start, end],
      );
      await sql.run(
        `insert into ${sql.table('analytics_activity_period')} (tenant_id, course_id, granularity, period_start, activity, events, seconds)
         select tenant_id, course_id, ?, ${sql.timestamp}, activity, events, seconds from (${activitiesSelect(sql, { wholeTenant })}) a`,
        [...key, start, end],
      );
    }
    await sql.run(
      `insert into ${sql.table('analytics_aggregate_period')} (granularity, period_start, computed_at, stale_at) values (?, ${sql.timestamp}, ${sql.timestamp}, null)
       on conflict (granularity, period_start) do update set computed_at = excluded.computed_at`,
      [...key, computedAt],
    );
    return true;
  }

  /** Settled periods that are stale or were never computed: those of the lookback window, and any marked stale. */
  private async due(now: Date): Promise<AggregatePeriod[]> {
    const sql = new SqlRunner(this.em.fork(), this.dialect);
    const repository = new AggregateRepository(sql);
    const settled = new Date(now.getTime() - SETTLE_MS);
    const due: AggregatePeriod[] = [];
    for (const granularity of GRANULARITIES) {
      // The latest period that ended before `settled`, and LOOKBACK periods back from it.
      let start = periodStart(settled, granularity);
      const starts: Date[] = [];
      for (let i = 0; i < LOOKBACK[granularity]; i++) {
        start = periodStart(new Date(start.getTime() - 1), granularity);
        starts.unshift(start);
      }
      const ledger = await repository.ledger(granularity, starts[0]!, settled);
      for (const candidate of starts) if (!isFresh(ledger.get(candidate.toISOString()))) due.push({ granularity, start: candidate });
    }
    const stale = await sql.rows<{ granularity: Granularity; period_start: Date | number }>(
      `select granularity, period_start from ${sql.table('analytics_aggregate_period')} where (computed_at is null or stale_at >= computed_at)`,
    );
    const known = new Set(due.map((p) => `${p.granularity}:${p.start.toISOString()}`));
    for (const row of stale) {
      const period = { granularity: row.granularity, start: new Date(row.period_start) };
      if (nextPeriod(period.start, period.granularity) <= settled && !known.has(`${period.granularity}:${period.start.toISOString()}`)) due.push(period);
    }
    return due;
  }
}
