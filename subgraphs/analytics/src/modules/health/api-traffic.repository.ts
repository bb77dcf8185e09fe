import type { DatabaseDialect } from '@academy/subgraph-kit';
import { raw } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { ApiRequestEntity } from '../usage';

type Numeric = number | string; // PostgreSQL returns bigint and numeric aggregates as strings.

export interface TrafficBucket {
  /** Minute number (minutes since 1970, UTC), or 0 for a whole range. */
  minute: number;
  requests: number;
  errors: number;
  p95LatencyMs: number;
}

/** The minute of `at`: SQLite stores datetimes as epoch milliseconds, PostgreSQL has a timestamptz. */
const MINUTE_OF: Record<DatabaseDialect, string> = {
  sqlite: 'cast(r.at / 60000 as integer)',
  postgresql: 'cast(floor(extract(epoch from r.at) / 60) as integer)',
};

/** Recent gateway traffic from the usage log (`api_request`), which every gateway replica writes. */
export class ApiTrafficRepository {
  constructor(
    private readonly em: SqlEntityManager,
    private readonly dialect: DatabaseDialect,
  ) {}

  /** Requests, failures and the nearest-rank p95 latency in [from, to), per minute or as one bucket. */
  async buckets(from: Date, to: Date, perMinute: boolean): Promise<TrafficBucket[]> {
    const base = this.em
      .createQueryBuilder(ApiRequestEntity, 'r')
      .select([raw(`${perMinute ? MINUTE_OF[this.dialect] : '0'} as minute`), 'r.status', 'r.latencyMs'])
      .where({ at: { $gte: from, $lt: to } });
    // Query builders bypass MikroORM filters: this applies the request's tenant scope.
    await base.applyFilters();
    const knex = this.em.getKnex();
    const ranked = knex
      .from(base.getKnexQuery().as('base'))
      .select('*', knex.raw('row_number() over (partition by minute order by latency_ms) as position'), knex.raw('count(*) over (partition by minute) as group_size'));
    const query = knex
      .from(ranked.as('ranked'))
      .select(
        'minute',
        knex.raw('count(*) as requests'),
        knex.raw("sum(case when status = 'error' then 1 else 0 end) as errors"),
        // ⌈0.95·n⌉ in integer arithmetic (SQLite has no ceil()).
        knex.raw('max(case when position = (95 * group_size + 99) / 100 then latency_ms end) as p95_latency_ms'),
      )
      .groupBy('minute')
      .orderBy('minute');
    const rows = await this.em.execute<Record<string, Numeric | null>[]>(query);
    return rows.map((row) => ({ minute: Number(row.minute), requests: Number(row.requests), errors: Number(row.errors), p95LatencyMs: Number(row.p95_latency_ms ?? 0) }));
  }

  /** Requests per tenant in [from, to), busiest first. */
  async perTenant(from: Date, to: Date): Promise<{ tenant: string; requests: number }[]> {
    const base = this.em.createQueryBuilder(ApiRequestEntity, 'r').select(['r.tenantId']).where({ at: { $gte: from, $lt: to } });
    await base.applyFilters();
    const knex = this.em.getKnex();
    const query = knex
      .from(base.getKnexQuery().as('base'))
      .select('tenant_id', knex.raw('count(*) as requests'))
      .groupBy('tenant_id')
      .orderByRaw('count(*) desc, tenant_id');
    const rows = await this.em.execute<Record<string, Numeric>[]>(query);
    return rows.map((row) => ({ tenant: String(row.tenant_id), requests: Number(row.requests) }));
  }
}
