import { randomUUID } from 'node:crypto';
import { ALL_TENANTS, forkWithTenantScope } from '@academy/subgraph-kit';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AggregateJob, type Granularity, nextPeriod, periodStart, periodsBetween, SETTLE_MS } from '../src/modules/aggregates';
import { expectedFigures, type GeneratedEvent, generateEvents, toIngestItem } from './aggregates-fixtures';
import { type AnalyticsHarness, dataOf, dialects, eventually, logger, redisUrl, startAnalytics } from './support';

const PERIOD_FIELDS = 'start end partial events activeLearners progressEvents completions averageProgress engagementEvents engagementMinutes engagementByActivity { activity events minutes }';
const COURSE = `query($courseId: ID!, $range: AnalyticsRangeInput!, $granularity: AnalyticsGranularity) {
  courseAnalytics(courseId: $courseId, range: $range, granularity: $granularity) { courseId granularity periods { ${PERIOD_FIELDS} } }
}`;
const TENANT = `query($range: AnalyticsRangeInput!, $granularity: AnalyticsGranularity) {
  tenantAnalytics(range: $range, granularity: $granularity) { granularity periods { ${PERIOD_FIELDS} } }
}`;
const LEARNER = `query($learnerId: ID!) {
  learnerProgress(learnerId: $learnerId) { learnerId courses { courseId percent bestPercent progressEvents engagementEvents engagementMinutes completedAt firstActivityAt lastActivityAt } }
}`;

const DAY_MS = 86_400_000;
const COURSES = ['algebra', 'soldadura', 'excel'];

interface Period {
  start: string;
  end: string;
  partial: boolean;
  events: number;
  activeLearners: number;
  progressEvents: number;
  completions: number;
  averageProgress: number | null;
  engagementEvents: number;
  engagementMinutes: number;
  engagementByActivity: { activity: string; events: number; minutes: number }[];
}

/** Floating sums differ in their last bits between SQL and JS; everything else must be equal. */
function comparable(period: Omit<Period, 'start' | 'end' | 'partial'>) {
  const round = (n: number | null) => (n === null ? null : Math.round(n * 1e6) / 1e6);
  return {
    ...period,
    averageProgress: round(period.averageProgress),
    engagementMinutes: round(period.engagementMinutes),
    engagementByActivity: period.engagementByActivity.map((a) => ({ ...a, minutes: round(a.minutes) })),
  };
}

/** Ingests through the pipeline in batches, as the batch mutations and the bus consumer do. */
async function ingest(harness: AnalyticsHarness, events: GeneratedEvent[]) {
  const results = [];
  for (let i = 0; i < events.length; i += 500) results.push(...(await harness.runtime.pipeline.pipeline.ingest(events.slice(i, i + 500).map(toIngestItem))));
  return results;
}

const settledPeriods = (granularity: Granularity, from: Date, now: Date) =>
  periodsBetween(from, now, granularity).filter((start) => nextPeriod(start, granularity).getTime() + SETTLE_MS <= now.getTime());

describe.each(dialects)('aggregates on $name', ({ name, enabled }) => {
  let harness: AnalyticsHarness;
  const tenants = [randomUUID(), randomUUID(), randomUUID()];
  const now = new Date();
  // Yesterday and before: every period of the dataset's days is settled, most weeks and months too.
  const end = new Date(periodStart(now, 'DAY').getTime() - SETTLE_MS);
  const from = new Date(end.getTime() - 100 * DAY_MS);
  const range = { from: from.toISOString(), to: now.toISOString() };
  let stored: GeneratedEvent[] = [];

  beforeAll(async () => {
    if (!enabled) return;
    harness = await startAnalytics(name);
    const events = generateEvents({ tenants, courses: COURSES, count: 4000, days: 100, end, seed: 7 });
    // Repeats of stored client event ids with other figures: duplicates, which must count for nothing.
    const duplicates = events.slice(0, 300).map((e) => ({ ...e, percent: e.kind === 'progress' ? 1 : null, learnerId: 'someone-else' }));
    const results = await ingest(harness, [...events, ...duplicates]);
    expect(results.filter((r) => r.status === 'stored')).toHaveLength(events.length);
    expect(results.filter((r) => r.status === 'duplicate')).toHaveLength(duplicates.length);
    stored = events;
  }, 120_000);
  afterAll(() => harness?.close());

  const admin = (tenantId: string) => harness.as({ tenantId, subject: 'admin', roles: ['tenant_admin'] });
  const em = () => forkWithTenantScope(harness.runtime.database.orm.em, ALL_TENANTS) as SqlEntityManager;

  async function computeAll(job: AggregateJob, force = true) {
    for (const granularity of ['DAY', 'WEEK', 'MONTH'] as const) for (const start of settledPeriods(granularity, from, now)) await job.compute(granularity, start, { force }, now);
  }

  /** Every period the API answers for tenant/course equals the plain computation. */
  async function expectQueriesMatch(tenantId: string, courseId: string | null, granularity: Granularity) {
    const reply = courseId === null ? await admin(tenantId)(TENANT, { range, granularity }) : await admin(tenantId)(COURSE, { courseId, range, granularity });
    const { periods } = dataOf<{ periods: Period[] }>(reply, courseId === null ? 'tenantAnalytics' : 'courseAnalytics');
    expect(periods.map((p) => p.start)).toEqual(periodsBetween(from, nextPeriod(periodStart(now, granularity), granularity), granularity).map((d) => d.toISOString()));
    for (const { start, end: periodEnd, partial, ...figures } of periods) {
      expect(partial).toBe(new Date(periodEnd) > now);
      expect(comparable(figures)).toEqual(comparable(expectedFigures(stored, { tenantId, courseId, from: new Date(start), to: new Date(periodEnd) })));
    }
  }

  /** The aggregate tables hold exactly the plain computation for every tenant, course and period. */
  async function expectTablesMatch(granularity: Granularity) {
    const rows = await em().execute<Record<string, unknown>[]>(
      em().getKnex().select('*').from(name === 'postgresql' ? 'analytics.analytics_course_period' : 'analytics_course_period').where({ granularity }).whereIn('tenant_id', tenants),
    );
    const settled = settledPeriods(granularity, from, now);
    const expected = tenants.flatMap((tenantId) =>
      settled.flatMap((start) =>
        [...COURSES, null].flatMap((courseId) => {
          const figures = expectedFigures(stored, { tenantId, courseId, from: start, to: nextPeriod(start, granularity) });
          return figures.events ? [`${tenantId}|${courseId ?? ''}|${start.toISOString()}|${figures.events}|${figures.activeLearners}|${figures.progressEvents}|${figures.completions}|${figures.engagementEvents}`] : [];
        }),
      ),
    );
    const actual = rows.map(
      (r) => `${r.tenant_id}|${r.course_id}|${new Date(r.period_start as string).toISOString()}|${Number(r.events)}|${Number(r.active_learners)}|${Number(r.progress_events)}|${Number(r.completions)}|${Number(r.engagement_events)}`,
    );
    expect(actual.sort()).toEqual(expected.sort());
  }

  it.runIf(enabled)('answers from raw events before any job ran, equal to a plain computation', async () => {
    await expectQueriesMatch(tenants[0]!, 'algebra', 'WEEK');
    await expectQueriesMatch(tenants[1]!, null, 'MONTH');
  });

  it.runIf(enabled)('computes daily, weekly and monthly aggregates equal to a plain computation, and a re-run replaces them', async () => {
    const job = harness.runtime.aggregates.job;
    await computeAll(job);
    for (const granularity of ['DAY', 'WEEK', 'MONTH'] as const) await expectTablesMatch(granularity);
    const activityRows = `select count(*) as n from ${name === 'postgresql' ? 'analytics.analytics_activity_period' : 'analytics_activity_period'}`;
    const before = await em().execute(activityRows);
    await computeAll(job);
    await computeAll(job, false); // fresh periods are skipped
    for (const granularity of ['DAY', 'WEEK', 'MONTH'] as const) await expectTablesMatch(granularity);
    expect(await em().execute(activityRows)).toEqual(before);
    for (const granularity of ['DAY', 'WEEK', 'MONTH'] as const) {
      await expectQueriesMatch(tenants[2]!, 'excel', granularity);
      await expectQueriesMatch(tenants[0]!, null, granularity);
    }
  }, 120_000);

  it.runIf(enabled && name === 'postgresql')('two job runners at once count every event once', async () => {
    const other = new AggregateJob(em(), 'postgresql', logger);
    const job = harness.runtime.aggregates.job;
    const days = settledPeriods('DAY', from, now).slice(-20);
    await Promise.all([
      ...days.map((start) => job.compute('DAY', start, { force: true }, now)),
      ...days.map((start) => other.compute('DAY', start, { force: true }, now)),
      ...settledPeriods('WEEK', from, now).map((start) => other.compute('WEEK', start, { force: true }, now)),
    ]);
    await expectTablesMatch('DAY');
    await expectTablesMatch('WEEK');
  }, 120_000);

  it.runIf(enabled)('a late event makes its periods stale, is counted at once and recomputed soon', async () => {
    const tenantId = tenants[1]!;
    const day = settledPeriods('DAY', from, now).at(-3)!;
    await harness.runtime.aggregates.job.compute('DAY', day, { force: true }, now);
    const [late] = generateEvents({ tenants: [tenantId], courses: ['soldadura'], count: 1, days: 1, end: nextPeriod(day, 'DAY'), seed: 11 });
    const [result] = await ingest(harness, [late!]);
    expect(result!.status).toBe('stored');
    stored = [...stored, late!];
    expect((result as { event: { lineage: { routes: string[] } } }).event.lineage.routes).toContain('trigger:aggregates.late');
    await expectQueriesMatch(tenantId, 'soldadura', 'DAY');
    await expectQueriesMatch(tenantId, null, 'MONTH');
    // The scheduler recomputes the stale periods in the background.
    await eventually(async () => {
      const ledger = await em().execute<{ computed_at: unknown; stale_at: unknown }[]>(
        em().getKnex().select('computed_at', 'stale_at').from(name === 'postgresql' ? 'analytics.analytics_aggregate_period' : 'analytics_aggregate_period').where({ granularity: 'DAY', period_start: name === 'postgresql' ? day : day.getTime() }),
      );
      return ledger[0] && ledger[0].computed_at !== null && new Date(ledger[0].computed_at as string) > new Date(ledger[0].stale_at as string);
    }, 30_000);
    await expectTablesMatch('DAY');
  }, 60_000);

  it.runIf(enabled)("answers a learner's own progress per course, and refuses another learner's", async () => {
    const tenantId = tenants[2]!;
    const learner = harness.as({ tenantId, subject: 'learner-3', roles: ['learner'] });
    const progress = dataOf<{ learnerId: string; courses: { courseId: string; percent: number; bestPercent: number; progressEvents: number; engagementEvents: number; completedAt: string | null; lastActivityAt: string }[] }>(
      await learner(LEARNER, { learnerId: 'learner-3' }),
      'learnerProgress',
    );
    const mine = stored.filter((e) => e.tenantId === tenantId && e.learnerId === 'learner-3');
    expect(progress.courses.map((c) => c.courseId).sort()).toEqual([...new Set(mine.map((e) => e.courseId))].sort());
    for (const course of progress.courses) {
      const events = mine.filter((e) => e.courseId === course.courseId).sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
      const progressEvents = events.filter((e) => e.kind === 'progress');
      const completion = progressEvents.find((e) => e.percent === 100);
      expect(course).toMatchObject({
        percent: progressEvents.at(-1)?.percent ?? 0,
        bestPercent: Math.max(0, ...progressEvents.map((e) => e.percent!)),
        progressEvents: progressEvents.length,
        engagementEvents: events.length - progressEvents.length,
        completedAt: completion ? completion.occurredAt.toISOString() : null,
        lastActivityAt: events.at(-1)!.occurredAt.toISOString(),
      });
    }
    const refused = await learner(LEARNER, { learnerId: 'learner-4' });
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const instructor = harness.as({ tenantId, subject: 'teacher', roles: ['instructor'] });
    expect(dataOf<{ courses: unknown[] }>(await instructor(LEARNER, { learnerId: 'learner-4' }), 'learnerProgress').courses.length).toBeGreaterThan(0);
  });

  it.runIf(enabled)('lets instructors and tenant admins read analytics, not learners, and only of their own tenant', async () => {
    const variables = { courseId: 'algebra', range, granularity: 'MONTH' };
    const learner = await harness.as({ tenantId: tenants[0], subject: 'learner-1', roles: ['learner'] })(COURSE, variables);
    expect(learner.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const partnerless = await harness.as({ tenantId: null, subject: 'root', roles: ['platform_admin'] })(TENANT, { range });
    expect(partnerless.body.errors?.[0]?.extensions?.code).toBe('TENANT_REQUIRED');
    const instructor = dataOf<{ periods: Period[] }>(await harness.as({ tenantId: tenants[0], subject: 'teacher', roles: ['instructor'] })(COURSE, variables), 'courseAnalytics');
    expect(instructor.periods.some((p) => p.events > 0)).toBe(true);
    // Another tenant asking for the same course id sees its own (empty) figures.
    const stranger = dataOf<{ periods: Period[] }>(await admin(randomUUID())(COURSE, variables), 'courseAnalytics');
    expect(stranger.periods.every((p) => p.events === 0 && p.engagementByActivity.length === 0)).toBe(true);
  });

  it.runIf(enabled)('refuses a reversed, empty or too long range with INVALID_ANALYTICS_RANGE', async () => {
    const call = admin(tenants[0]!);
    const reversed = await call(COURSE, { courseId: 'algebra', range: { from: now.toISOString(), to: from.toISOString() } });
    expect(reversed.status).toBe(400);
    expect(reversed.body.errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_ANALYTICS_RANGE', reason: 'REVERSED' });
    const empty = await call(TENANT, { range: { from: range.from, to: range.from } });
    expect(empty.body.errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_ANALYTICS_RANGE', reason: 'REVERSED' });
    const tooLong = await call(TENANT, { range: { from: new Date(now.getTime() - 367 * DAY_MS).toISOString(), to: now.toISOString() }, granularity: 'DAY' });
    expect(tooLong.body.errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_ANALYTICS_RANGE', reason: 'TOO_LONG', maxDays: 366 });
    // The same span is fine by month.
    dataOf(await call(TENANT, { range: { from: new Date(now.getTime() - 367 * DAY_MS).toISOString(), to: now.toISOString() }, granularity: 'MONTH' }), 'tenantAnalytics');
    const notADate = await call(TENANT, { range: { from: 'yesterday', to: now.toISOString() } });
    expect(notADate.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe.each([
  ...dialects.map((d) => ({ ...d, store: 'memory' as const })),
  { name: 'postgresql' as const, enabled: dialects[1]!.enabled && redisUrl !== null, store: 'redis' as const },
])('the aggregate cache on $name with the $store store', ({ name, enabled, store }) => {
  let harness: AnalyticsHarness;
  beforeAll(async () => {
    if (enabled) harness = await startAnalytics(name, { store });
  });
  afterAll(() => harness?.close());

  it.runIf(enabled)('serves a cached answer until a late event of the course invalidates it', async () => {
    const tenantId = randomUUID();
    const call = harness.as({ tenantId, subject: 'admin', roles: ['tenant_admin'] });
    const now = new Date();
    const lastWeek = periodStart(new Date(now.getTime() - 7 * DAY_MS), 'WEEK');
    const inLastWeek = new Date(lastWeek.getTime() + 2 * DAY_MS);
    const range = { from: lastWeek.toISOString(), to: nextPeriod(lastWeek, 'WEEK').toISOString() };
    const record = (percent: number, courseId = 'c1') =>
      call('mutation($input: RecordProgressInput!) { recordProgress(input: $input) { id } }', { input: { learnerId: 'ana', courseId, percent, occurredAt: inLastWeek.toISOString() } });
    const events = async (courseId = 'c1') =>
      dataOf<{ periods: { events: number }[] }>(await call(COURSE, { courseId, range, granularity: 'DAY' }), 'courseAnalytics').periods.reduce((sum, p) => sum + p.events, 0);

    dataOf(await record(10), 'recordProgress');
    expect(await events()).toBe(1);
    // Written past the pipeline, so nothing invalidates: the cached answer is served.
    const em = forkWithTenantScope(harness.runtime.database.orm.em, ALL_TENANTS) as SqlEntityManager;
    await em.getConnection().execute(
      `insert into ${name === 'postgresql' ? 'analytics.analytics_events' : 'analytics_events'} (id, occurred_at, tenant_id, kind, learner_id, course_id, percent, source, received_at, lineage) values (?, ?, ?, 'progress', 'beto', 'c1', 20, 'seed', ?, '{}')`,
      [randomUUID(), name === 'postgresql' ? inLastWeek.toISOString() : inLastWeek.getTime(), tenantId, name === 'postgresql' ? now.toISOString() : now.getTime()],
    );
    expect(await events()).toBe(1);
    if (store === 'redis') expect((await harness.infrastructure.store.redis!.keys(`*analytics-aggregates:${tenantId}:*`)).length).toBeGreaterThan(0);
    // A late event of another course leaves this course's entry alone.
    dataOf(await record(30, 'c2'), 'recordProgress');
    expect(await events()).toBe(1);
    expect(await events('c2')).toBe(1);
    // A late event of the course: its entries are dropped, and the answer counts everything stored.
    dataOf(await record(40), 'recordProgress');
    expect(await events()).toBe(3);
  });
});
