import type { DatabaseDialect } from '@academy/subgraph-kit';
import { raw } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import type { ApiRequestRow } from './api-operation-recorded.event';
import { ApiRequestEntity } from './api-request.entity';

type Numeric = number | string; // PostgreSQL returns bigint and numeric aggregates as strings.

export interface DailyUsageRow {
  /** Days since 1970-01-01, UTC. */
  day: number;
  operationName: string | null;
  requests: number;
  errors: number;
  rejected: number;
  totalEstimatedCost: number;
  totalActualCost: number | null;
  averageLatencyMs: number;
  p95LatencyMs: number;
}

export interface DailyUsageFilter {
  from: Date;
  to: Date;
  /** Narrows beyond the tenant filter; null for every tenant the filter lets through (platform admins). */
  tenantId: string | null;
  operationName?: string | null;
}

/**
 * The UTC day of `at` as a day number. The one dialect-specific expression: MikroORM stores SQLite
 * datetimes as epoch milliseconds, PostgreSQL has a timestamptz (whose epoch is UTC whatever the session's zone).
 */
const DAY_OF: Record<DatabaseDialect, string> = {
  sqlite: 'cast(r.at / 86400000 as integer)',
  postgresql: 'cast(floor(extract(epoch from r.at) / 86400) as integer)',
};

export class ApiRequestRepository {
  constructor(
    private readonly em: SqlEntityManager,
    private readonly dialect: DatabaseDialect,
  ) {}

  /**
   * One INSERT for the whole batch. Ids derive from the event, so a redelivered event (at-least-once)
   * conflicts and inserts nothing; the statement skips the lifecycle hooks, so no tenant scope is needed.
   */
  async insert(rows: readonly ApiRequestRow[]): Promise<void> {
    if (rows.length === 0) return;
    await this.em.createQueryBuilder(ApiRequestEntity).insert([...rows]).onConflict('id').ignore().execute();
  }

  /**
   * Per UTC day and operation name. p95 is the nearest-rank percentile (the ⌈0.95·n⌉-th smallest
   * latency), picked with window functions so both dialects compute it in SQL from the same rows.
   */
  async daily({ from, to, tenantId, operationName }: DailyUsageFilter): Promise<DailyUsageRow[]> {
    const base = this.em
      .createQueryBuilder(ApiRequestEntity, 'r')
      .select([raw(`${DAY_OF[this.dialect]} as day`), 'r.operationName', 'r.status', 'r.estimatedCost', 'r.actualCost', 'r.latencyMs'])
      .where({
        at: { $gte: from, $lt: to },
        ...(tenantId !== null && { tenantId }),
        ...(operationName != null && { operationName }),
      });
    // Query builders bypass MikroORM filters: this applies the request's tenant scope.
    await base.applyFilters();
    const knex = this.em.getKnex();
    const ranked = knex
      .from(base.getKnexQuery().as('base'))
      .select(
        '*',
        knex.raw('row_number() over (partition by day, operation_name order by latency_ms) as position'),
        knex.raw('count(*) over (partition by day, operation_name) as group_size'),
      );
    const query = knex
      .from(ranked.as('ranked'))
      .select(
        'day',
        'operation_name',
        knex.raw('count(*) as requests'),
        knex.raw("sum(case when status = 'error' then 1 else 0 end) as errors"),
        knex.raw("sum(case when status = 'rejected' then 1 else 0 end) as rejected"),
        knex.raw('sum(estimated_cost) as total_estimated_cost'),
        knex.raw('sum(actual_cost) as total_actual_cost'),
        knex.raw('avg(latency_ms) as average_latency_ms'),
        // Integer arithmetic for ⌈0.95·n⌉: SQLite has no ceil() without its math extension.
        knex.raw('max(case when position = (95 * group_size + 99) / 100 then latency_ms end) as p95_latency_ms'),
      )
      .groupBy('day', 'operation_name');
    const rows = await this.em.execute<Record<string, Numeric | null>[]>(query);
    return rows.map((row) => ({
      day: Number(row.day),
      operationName: row.operation_name as string | null,
      requests: Number(row.requests),
      errors: Number(row.errors),
      rejected: Number(row.rejected),
      totalEstimatedCost: Number(row.total_estimated_cost),
      totalActualCost: row.total_actual_cost === null ? null : Number(row.total_actual_cost),
      averageLatencyMs: Number(row.average_latency_ms),
      p95LatencyMs: Number(row.p95_latency_ms),
    }));
  }
}
