/**
 * Aggregate query latency over 1,000,000 events on PostgreSQL: `courseAnalytics`/`tenantAnalytics`
 * as the service answers them — cold (cache missed: aggregate tables plus the live current period)
 * and cached (in process, and Redis when reachable) — against a baseline measured in the same run:
 * the same figures by GROUP BY over the raw events. Also times the job computing a year of
 * daily, weekly and monthly periods.
 * `npm run bench -- aggregates [--rows n] [--postgres url] [--redis url|none]`.
 */
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { analyticsEntities, analyticsUnmanagedTables } from '@academy/analytics';
import { createMemoryStore, createRedisStore, type KeyValueStore } from '@academy/cache';
import { createLogger, type Principal } from '@academy/service-kit';
import { ALL_TENANTS, createDatabase, createScratchPostgresDatabase, forkWithTenantScope } from '@academy/subgraph-kit';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { migrations } from '../subgraphs/analytics/src/migrations';
import {
  AggregateCache,
  AggregateJob,
  AggregateRepository,
  AggregatesService,
  GRANULARITIES,
  type Granularity,
  LearnerProgressRepository,
  nextPeriod,
  periodStart,
  periodsBetween,
  SETTLE_MS,
  SqlRunner,
} from '../subgraphs/analytics/src/modules/aggregates';
import { ENGAGEMENT_ACTIVITIES, PartitionManager } from '../subgraphs/analytics/src/modules/events';
import { numberArg } from './support/args';

const logger = createLogger({ service: 'bench-aggregates', level: 'warn' });
const TENANTS = 20;
const COURSES = 50;
const LEARNERS = 5000;
const DAY_MS = 86_400_000;

/**
 * A year of events ending now, evenly spread: a third engagement, 1 % of progress at 100 %. Then
 * partition maintenance moves them out of the default partition into their months, as in production.
 */
async function fill(em: SqlEntityManager, tenants: string[], rows: number): Promise<void> {
  const activities = ENGAGEMENT_ACTIVITIES.map((a) => `'${a}'`).join(',');
  await em.getConnection().execute(
    `insert into analytics.analytics_events (id, occurred_at, tenant_id, kind, learner_id, course_id, percent, activity, duration_seconds, source, received_at, lineage)
     select gen_random_uuid(), now() - (g * (31536000.0 / ?)) * interval '1 second', (array[${tenants.map((t) => `'${t}'`).join(',')}])[1 + g % ${TENANTS}],
            case when g % 3 = 0 then 'engagement' else 'progress' end, 'learner-' || (g % ${LEARNERS}), 'course-' || (g % ${COURSES}),
            case when g % 3 = 0 then null else g % 101 end,
            case when g % 3 = 0 then (array[${activities}])[1 + g % ${ENGAGEMENT_ACTIVITIES.length}] end,
            case when g % 3 = 0 then 1 + g % 3600 end,
            'seed', now(), '{"source":"seed","steps":["stored"],"routes":["storage"]}'::jsonb
       from generate_series(1, ?) as g`,
    [rows, rows],
  );
  await new PartitionManager(em, logger).ensure();
  await em.getConnection().execute('analyze analytics.analytics_events');
}

const fmt = (m: { p50: number; max: number }) => `${m.p50.toFixed(1)} / ${m.max.toFixed(1)}`;

async function latency(run: () => Promise<unknown>, repeats = 7): Promise<{ p50: number; max: number }> {
  await run();
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const started = process.hrtime.bigint();
    await run();
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  times.sort((a, b) => a - b);
  return { p50: times[Math.floor(times.length / 2)]!, max: times.at(-1)! };
}

/** The baseline: the same figures (and per-activity engagement) grouped by period over the raw events. */
function baseline(em: SqlEntityManager, { tenantId, courseId }: { tenantId: string; courseId: string | null }, granularity: Granularity, from: Date, to: Date) {
  const unit = { DAY: 'day', WEEK: 'week', MONTH: 'month' }[granularity];
  const where = `tenant_id = ?${courseId === null ? '' : ' and course_id = ?'} and occurred_at >= ? and occurred_at < ?`;
  const params = [tenantId, ...(courseId === null ? [] : [courseId]), from, to];
  const period = `date_trunc('${unit}', occurred_at at time zone 'UTC')`;
  const completed = courseId === null ? `learner_id || '/' || course_id` : 'learner_id';
  return Promise.all([
    em.getConnection().execute(
      `select ${period} as period, count(*) as events, count(distinct learner_id) as learners, sum(case when kind = 'progress' then 1 else 0 end) as progress,
              count(distinct case when percent = 100 then ${completed} end) as completions, coalesce(sum(percent), 0) as percent_sum,
              sum(case when kind = 'engagement' then 1 else 0 end) as engagement, coalesce(sum(duration_seconds), 0) as seconds
         from analytics.analytics_events where ${where} group by 1 order by 1`,
      params,
    ),
    em.getConnection().execute(
      `select ${period} as period, activity, count(*) as events, sum(duration_seconds) as seconds
         from analytics.analytics_events where kind = 'engagement' and ${where} group by 1, 2`,
      params,
    ),
  ]);
}

/** The bench reads tenant figures; no learner is blocked. */
const noneBlocked = { has: () => false };
const principalOf = (tenantId: string): Principal => ({ tenantId, plan: null, subject: 'bench', roles: ['tenant_admin'], scopes: [], authMethod: 'jwt', requestId: 'bench', flags: [] });

export async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { rows: { type: 'string' }, postgres: { type: 'string' }, redis: { type: 'string' } } });
  const rows = numberArg(values.rows, 'rows', 1_000_000, { min: 1000, max: 50_000_000, integer: true });
  const redisUrl = values.redis === 'none' ? null : (values.redis ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  const scratch = await createScratchPostgresDatabase(values.postgres ?? process.env.POSTGRES_ADMIN_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres', 'bench_aggregates');
  const stores: { label: string; store: KeyValueStore }[] = [{ label: 'in process', store: createMemoryStore({ logger }) }];
  try {
    if (redisUrl) {
      const redis = createRedisStore({ url: redisUrl, keyPrefix: `bench-aggregates.${randomUUID().slice(0, 8)}:`, logger });
      if (await redis.get('probe').then(() => true, () => false)) stores.push({ label: 'Redis', store: redis });
      else await redis.close();
    }
    const database = await createDatabase({ service: 'analytics', entities: analyticsEntities, unmanagedTables: analyticsUnmanagedTables, databaseUrl: scratch.url, sqlitePath: ':memory:', migrations, logger });
    const em = forkWithTenantScope(database.orm.em, ALL_TENANTS) as SqlEntityManager;
    await new PartitionManager(em, logger).ensure();
    const tenants = Array.from({ length: TENANTS }, () => randomUUID());
    let started = Date.now();
    await fill(em, tenants, rows);
    console.log(`${rows.toLocaleString('en-US')} events (${TENANTS} tenants, ${COURSES} courses, ${LEARNERS.toLocaleString('en-US')} learners, one year) written in ${((Date.now() - started) / 1000).toFixed(1)} s`);

    const job = new AggregateJob(em, 'postgresql', logger);
    const now = new Date();
    const yearAgo = new Date(now.getTime() - 366 * DAY_MS);
    for (const granularity of GRANULARITIES) {
      started = Date.now();
      const periods = periodsBetween(yearAgo, now, granularity).filter((start) => nextPeriod(start, granularity).getTime() + SETTLE_MS <= now.getTime());
      for (const start of periods) await job.compute(granularity, start, {}, now);
      const seconds = (Date.now() - started) / 1000;
      console.log(`job: ${periods.length} ${granularity.toLowerCase()} periods in ${seconds.toFixed(1)} s (${((seconds * 1000) / periods.length).toFixed(0)} ms per period, all tenants)`);
    }

    const tenantId = tenants[0]!;
    const cases = [
      { label: 'one course, 30 days by day', scope: { tenantId, courseId: 'course-0' }, granularity: 'DAY' as const, days: 30 },
      { label: 'one course, 52 weeks by week', scope: { tenantId, courseId: 'course-0' }, granularity: 'WEEK' as const, days: 364 },
      { label: 'one tenant, 12 months by month', scope: { tenantId, courseId: null }, granularity: 'MONTH' as const, days: 365 },
    ];
    console.log('\naggregate queries (p50 / max of 7, ms):');
    console.log(`  ${'query'.padEnd(32)} ${'GROUP BY raw'.padStart(18)} ${'cold'.padStart(22)} ${stores.map((s) => `cached, ${s.label}`.padStart(24)).join(' ')}`);
    for (const { label, scope, granularity, days } of cases) {
      const range = { from: new Date(now.getTime() - days * DAY_MS), to: now };
      const raw = await latency(() => baseline(em, scope, granularity, periodStart(range.from, granularity), now));
      const cells: string[] = [];
      let cold: { p50: number; max: number } | undefined;
      for (const { store } of stores) {
        const cache = new AggregateCache({ store, ttlMs: 3_600_000, logger });
        const service = () => {
          const sql = new SqlRunner(em.fork(), 'postgresql');
          return new AggregatesService(new AggregateRepository(sql), new LearnerProgressRepository(sql), cache, principalOf(tenantId), noneBlocked);
        };
        const ask = () => (scope.courseId === null ? service().tenantAnalytics(range, granularity) : service().courseAnalytics(scope.courseId, range, granularity));
        // Cold: every call after an invalidation, so the cache misses and the aggregate tables answer.
        cold ??= await latency(async () => {
          await cache.invalidate([{ tenantId, courseId: scope.courseId ?? 'course-0' }]);
          await ask();
        });
        const cached = await latency(ask);
        cells.push(`${fmt(cached)}  ×${(raw.p50 / cached.p50).toFixed(1)}`.padStart(24));
      }
      console.log(`  ${label.padEnd(32)} ${fmt(raw).padStart(18)} ${`${fmt(cold!)}  ×${(raw.p50 / cold!.p50).toFixed(1)}`.padStart(22)} ${cells.join(' ')}`);
    }
    console.log('  (×: the baseline p50 over this p50; cold includes one cache invalidation per call)');
    await database.close();
  } finally {
    for (const { store } of stores) await store.close();
    await scratch.drop();
  }
}

if (require.main === module) {
  run(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
