import { raw } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { AnalyticsEventEntity } from '../events';
import type { ProgressSummary } from './progress-summary.type';

type Count = number | string; // PostgreSQL returns bigint and numeric aggregates as strings.

interface SummaryRow {
  tenant_id: string;
  events: Count;
  learners: Count;
  courses: Count;
  percent_sum: Count | null;
  completions: Count | null;
}

/**
 * The batch queries behind the per-request DataLoaders: one statement each, whatever the number of
 * tenants, written with portable SQL (window functions and CASE) so SQLite and PostgreSQL agree.
 * Query builders bypass MikroORM filters, so each one calls `applyFilters()`: the request's tenant
 * filter then scopes these statements exactly as it scopes `em.find`, whatever tenant ids are asked for.
 */
export class ProgressEventRepository {
  constructor(private readonly em: SqlEntityManager) {}

  /** Tenants without events are absent from the map. */
  async summaries(tenantIds: readonly string[]): Promise<Map<string, ProgressSummary>> {
    const result = new Map<string, ProgressSummary>();
    if (tenantIds.length === 0) return result;
    // Grouping by learner–course first makes "each pair completed counts once" a plain sum.
    const pairs = this.em
      .createQueryBuilder(AnalyticsEventEntity, 'e')
      .select([
        'e.tenantId',
        'e.learnerId',
        'e.courseId',
        raw('count(*) as events'),
        raw('sum(e.percent) as percent_sum'),
        raw('max(case when e.percent = 100 then 1 else 0 end) as completed'),
      ])
      .where({ tenantId: { $in: [...tenantIds] }, kind: 'progress' })
      .groupBy(['e.tenantId', 'e.learnerId', 'e.courseId']);
    await pairs.applyFilters();
    const knex = this.em.getKnex();
    const query = knex
      .from(pairs.getKnexQuery().as('pairs'))
      .select(
        'tenant_id',
        knex.raw('sum(events) as events'),
        knex.raw('count(distinct learner_id) as learners'),
        knex.raw('count(distinct course_id) as courses'),
        knex.raw('sum(percent_sum) as percent_sum'),
        knex.raw('sum(completed) as completions'),
      )
      .groupBy('tenant_id');
    for (const row of await this.em.execute<SummaryRow[]>(query)) {
      const events = Number(row.events);
      result.set(row.tenant_id, {
        events,
        learners: Number(row.learners),
        courses: Number(row.courses),
        averagePercent: events > 0 ? Number(row.percent_sum) / events : 0,
        completions: Number(row.completions ?? 0),
      });
    }
    return result;
  }

  /** The newest `first` events of each tenant, of one learner when `learnerId` is given. */
  async recent(tenantIds: readonly string[], first: number, learnerId?: string): Promise<Map<string, AnalyticsEventEntity[]>> {
    const result = new Map<string, AnalyticsEventEntity[]>(tenantIds.map((id) => [id, []]));
    if (tenantIds.length === 0) return result;
    const ranked = this.em
      .createQueryBuilder(AnalyticsEventEntity, 'e')
      .select(['e.*', raw('row_number() over (partition by e.tenant_id order by e.occurred_at desc, e.id desc) as position')])
      .where({ tenantId: { $in: [...tenantIds] }, kind: 'progress', ...(learnerId !== undefined && { learnerId }) });
    await ranked.applyFilters();
    const query = this.em
      .getKnex()
      .from(ranked.getKnexQuery().as('ranked'))
      .where('position', '<=', first)
      .orderBy([{ column: 'occurred_at', order: 'desc' }, { column: 'id', order: 'desc' }]);
    for (const { position: _, ...row } of await this.em.execute<Record<string, unknown>[]>(query)) {
      const event = this.em.map(AnalyticsEventEntity, row);
      result.get(event.tenantId)?.push(event);
    }
    return result;
  }
}
