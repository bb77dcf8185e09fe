/**
 * Analytics ingestion into PostgreSQL: events/s through the pipeline (buffer → validation →
 * enrichment → routing → storage, with de-duplication receipts and lineage) against a naive baseline
 * measured in the same run — one INSERT per event, as many in flight as the pipeline's pool allows —
 * and the latency of aggregate queries over 1,000,000 events. Target: ≥ 20,000 events/s.
 * `npm run bench -- pipeline [--events n] [--baseline n] [--rows n] [--batch n] [--concurrency n] [--postgres url]`.
 */
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { analyticsEntities, analyticsUnmanagedTables } from '@academy/analytics';
import { createLogger } from '@academy/service-kit';
import { ALL_TENANTS, createDatabase, createScratchPostgresDatabase, forkWithTenantScope, tenantScopeOf } from '@academy/subgraph-kit';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { migrations } from '../subgraphs/analytics/src/migrations';
import { AnalyticsEventEntity, PartitionManager } from '../subgraphs/analytics/src/modules/events';
import { EventPipeline, type IngestItem } from '../subgraphs/analytics/src/modules/pipeline';
import { ProgressEventRepository } from '../subgraphs/analytics/src/modules/progress';
import { numberArg } from './support/args';

const logger = createLogger({ service: 'bench-pipeline', level: 'warn' });
const TENANTS = 20;
const COURSES = 50;
const LEARNERS = 5000;
/** Events per submission: a batch mutation or a bus message's worth. */
const PER_SUBMISSION = 500;
/** Submissions in flight: several callers at once, as in production. */
const PRODUCERS = 8;

function item(tenants: string[], n: number, now: number): IngestItem {
  return {
    kind: 'progress',
    source: 'api',
    tenantId: tenants[n % TENANTS]!,
    tenantVerified: true,
    data: {
      learnerId: `learner-${n % LEARNERS}`,
      courseId: `course-${n % COURSES}`,
      percent: n % 100,
      occurredAt: new Date(now - (n % 86_400) * 1000),
      clientEventId: `bench-${n}`,
    },
    receivedAt: new Date(),
  };
}

async function measurePipeline(em: SqlEntityManager, tenants: string[], events: number, buffer: { maxBatch: number; concurrency: number }): Promise<number> {
  const pipeline = new EventPipeline({ em, dialect: 'postgresql', logger, buffer });
  const now = Date.now();
  let next = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: PRODUCERS }, async () => {
      while (next < events) {
        const first = next;
        next += PER_SUBMISSION;
        const batch = Array.from({ length: Math.min(PER_SUBMISSION, events - first) }, (_, i) => item(tenants, first + i, now));
        const results = await pipeline.ingest(batch);
        if (results.some((r) => r.status !== 'stored')) throw new Error('the benchmark expects every event stored');
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await pipeline.close();
  return events / seconds;
}

/** The naive way: validate, then one INSERT per event (and its receipt), no batching. */
async function measureBaseline(em: SqlEntityManager, tenants: string[], events: number): Promise<number> {
  const connection = em.getConnection();
  const now = Date.now();
  let next = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: PRODUCERS }, async () => {
      while (next < events) {
        const n = next++;
        const { tenantId, data } = item(tenants, 10_000_000 + n, now) as IngestItem & { data: Record<string, unknown> };
        const id = randomUUID();
        await connection.execute(
          `with receipt as (insert into analytics.analytics_event_receipt (tenant_id, client_event_id, event_id, occurred_at) values (?, ?, ?, ?) on conflict do nothing returning 1)
           insert into analytics.analytics_events (id, occurred_at, tenant_id, kind, learner_id, course_id, percent, client_event_id, source, received_at, lineage)
           select ?, ?, ?, 'progress', ?, ?, ?, ?, 'api', now(), '{"source":"api","steps":["stored"],"routes":["storage"]}'::jsonb from receipt`,
          [tenantId, data.clientEventId, id, data.occurredAt, id, data.occurredAt, tenantId, data.learnerId, data.courseId, data.percent, data.clientEventId],
        );
      }
    }),
  );
  return events / (Number(process.hrtime.bigint() - started) / 1e9);
}

/** Adds `rows` events in SQL, spread evenly over the last 365 days and across the tenants. */
async function fill(em: SqlEntityManager, tenants: string[], rows: number): Promise<void> {
  await em.getConnection().execute(
    `insert into analytics.analytics_events (id, occurred_at, tenant_id, kind, learner_id, course_id, percent, source, received_at, lineage)
     select gen_random_uuid(), now() - (g::double precision / ? * 31536000) * interval '1 second', (array[${tenants.map((t) => `'${t}'`).join(',')}])[1 + g % ${TENANTS}],
            'progress', 'learner-' || (g % ${LEARNERS}), 'course-' || (g % ${COURSES}), g % 101, 'seed', now(), '{"source":"seed","steps":["stored"],"routes":["storage"]}'::jsonb
       from generate_series(1, ?) as g`,
    [rows, rows],
  );
  await em.getConnection().execute('analyze analytics.analytics_events');
}

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

export async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { events: { type: 'string' }, baseline: { type: 'string' }, rows: { type: 'string' }, batch: { type: 'string' }, concurrency: { type: 'string' }, postgres: { type: 'string' } } });
  const events = numberArg(values.events, 'events', 200_000, { min: 1000, max: 10_000_000, integer: true });
  const baselineEvents = numberArg(values.baseline, 'baseline', 20_000, { min: 1000, max: 1_000_000, integer: true });
  const rows = numberArg(values.rows, 'rows', 1_000_000, { min: 1000, max: 50_000_000, integer: true });
  // The pipeline's defaults (PIPELINE_BATCH_SIZE, PIPELINE_CONCURRENCY).
  const buffer = { maxBatch: numberArg(values.batch, 'batch', 1000, { min: 1, max: 10_000, integer: true }), concurrency: numberArg(values.concurrency, 'concurrency', 2, { min: 1, max: 16, integer: true }) };
  const scratch = await createScratchPostgresDatabase(values.postgres ?? process.env.POSTGRES_ADMIN_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres', 'bench_pipeline');
  try {
    const database = await createDatabase({ service: 'analytics', entities: analyticsEntities, unmanagedTables: analyticsUnmanagedTables, databaseUrl: scratch.url, sqlitePath: ':memory:', migrations, logger });
    const em = forkWithTenantScope(database.orm.em, ALL_TENANTS) as SqlEntityManager;
    await new PartitionManager(em, logger).ensure();
    const tenants = Array.from({ length: TENANTS }, () => randomUUID());

    console.log(`ingestion into PostgreSQL (${PRODUCERS} callers, ${PER_SUBMISSION} events per call for the pipeline):`);
    const baseline = await measureBaseline(em, tenants, baselineEvents);
    console.log(`  naive, one INSERT per event   ${Math.round(baseline).toLocaleString('en-US').padStart(8)} events/s  (${baselineEvents.toLocaleString('en-US')} events)`);
    const pipelined = await measurePipeline(em, tenants, events, buffer);
    const label = `pipeline (batches of ${buffer.maxBatch}, ${buffer.concurrency} at once)`;
    console.log(`  ${label.padEnd(30)}${Math.round(pipelined).toLocaleString('en-US').padStart(8)} events/s  (${events.toLocaleString('en-US')} events)  ×${(pipelined / baseline).toFixed(1)} the baseline`);

    const existing = await em.count(AnalyticsEventEntity, {});
    if (existing < rows) await fill(em, tenants, rows - existing);
    const total = await em.count(AnalyticsEventEntity, {});
    console.log(`\naggregate queries over ${total.toLocaleString('en-US')} events (p50 / max of 7, ms):`);
    const tenant = tenants[0]!;
    const scoped = forkWithTenantScope(database.orm.em, tenantScopeOf({ tenantId: tenant, plan: null, subject: 'bench', roles: ['tenant_admin'], scopes: [], authMethod: 'jwt', requestId: 'bench', flags: [] })) as SqlEntityManager;
    const summary = await latency(() => new ProgressEventRepository(scoped.fork()).summaries([tenant]));
    console.log(`  tenant summary (progressSummary)           ${summary.p50.toFixed(1).padStart(8)} / ${summary.max.toFixed(1)}`);
    const daily = await latency(() =>
      em.getConnection().execute(
        `select date_trunc('day', occurred_at) as day, count(*) as events, count(distinct learner_id) as learners, avg(percent) as average
           from analytics.analytics_events where tenant_id = ? and course_id = ? and occurred_at >= now() - interval '30 days' group by 1 order by 1`,
        [tenant, 'course-0'],
      ),
    );
    console.log(`  one course, 30 days by day                 ${daily.p50.toFixed(1).padStart(8)} / ${daily.max.toFixed(1)}`);
    const monthly = await latency(() =>
      em.getConnection().execute(
        `select date_trunc('month', occurred_at) as month, course_id, count(*) as events, count(distinct learner_id) as learners
           from analytics.analytics_events where tenant_id = ? and occurred_at >= now() - interval '365 days' group by 1, 2`,
        [tenant],
      ),
    );
    console.log(`  one tenant, 12 months by month and course  ${monthly.p50.toFixed(1).padStart(8)} / ${monthly.max.toFixed(1)}`);
    await database.close();
  } finally {
    await scratch.drop();
  }
}

if (require.main === module) {
  run(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
