import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { seedDemoProgress } from '../src';
import { ProgressEventRepository } from '../src/modules/progress';
import { type AnalyticsHarness, dataOf, dialects, RECORD, startAnalytics, TENANT_FIELDS } from './support';

interface TenantProgress {
  id: string;
  progressSummary: { events: number; learners: number; courses: number; averagePercent: number; completions: number };
  recentProgress: { id: string; courseId: string }[];
}

const EMPTY = { events: 0, learners: 0, courses: 0, averagePercent: 0, completions: 0 };
const reps = (...ids: string[]) => ({ reps: ids.map((id) => ({ __typename: 'Tenant', id })) });

/** Deterministic pseudo-random events (a small LCG), so a failure reproduces. */
function generateEvents(count: number, seed: number) {
  let state = seed;
  const next = (n: number) => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state % n;
  };
  const percents = [0, 12.5, 33.3, 50, 87.25, 100, 100];
  return Array.from({ length: count }, (_, i) => ({
    learnerId: `learner-${next(6)}`,
    courseId: `course-${next(4)}`,
    percent: percents[next(percents.length)]!,
    occurredAt: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(),
  }));
}

/** Records events in one request: aliased mutations run one after another. */
async function recordAll(call: ReturnType<AnalyticsHarness['as']>, events: Record<string, unknown>[]): Promise<void> {
  const fields = events.map((_, i) => `e${i}: recordProgress(input: $i${i}) { id }`).join('\n');
  const params = events.map((_, i) => `$i${i}: RecordProgressInput!`).join(', ');
  const { body } = await call(`mutation(${params}) { ${fields} }`, Object.fromEntries(events.map((e, i) => [`i${i}`, e])));
  expect(body.errors).toBeUndefined();
}

describe.each(dialects)('analytics Tenant fields on $name', ({ name, enabled }) => {
  let harness: AnalyticsHarness;
  beforeAll(async () => {
    if (enabled) harness = await startAnalytics(name);
  });
  afterAll(async () => harness?.close());
  afterEach(() => vi.restoreAllMocks());

  it.runIf(enabled)('summarises a tenant exactly as an independent computation does', async () => {
    const tenantId = randomUUID();
    const events = generateEvents(60, 7);
    await recordAll(harness.as({ tenantId }), events);
    const pairsDone = new Set(events.filter((e) => e.percent === 100).map((e) => `${e.learnerId}\u0000${e.courseId}`));
    const expected = {
      events: events.length,
      learners: new Set(events.map((e) => e.learnerId)).size,
      courses: new Set(events.map((e) => e.courseId)).size,
      completions: pairsDone.size,
    };
    expect(events.filter((e) => e.percent === 100).length).toBeGreaterThan(pairsDone.size); // the dataset repeats completions
    const [tenant] = dataOf<TenantProgress[]>(await harness.as({ tenantId })(TENANT_FIELDS, reps(tenantId)), '_entities');
    const { averagePercent, ...counts } = tenant!.progressSummary;
    expect(counts).toEqual(expected);
    expect(averagePercent).toBeCloseTo(events.reduce((sum, e) => sum + e.percent, 0) / events.length, 9);
    // recentProgress(first: 3): the three latest by occurredAt.
    expect(tenant!.recentProgress.map((e) => e.courseId)).toEqual(events.slice(-3).reverse().map((e) => e.courseId));
  });

  it.runIf(enabled)('never shows one tenant’s progress to another', async () => {
    const [a, b] = [randomUUID(), randomUUID()];
    const asA = harness.as({ tenantId: a });
    const asB = harness.as({ tenantId: b });
    const eventA = dataOf<{ id: string }>(await asA(RECORD, { input: { learnerId: 'ana', courseId: 'a-course', percent: 100 } }), 'recordProgress');
    const eventB = dataOf<{ id: string }>(await asB(RECORD, { input: { learnerId: 'beto', courseId: 'b-course', percent: 30 } }), 'recordProgress');

    const listA = dataOf<{ nodes: { id: string }[] }>(await asA('{ progressEvents { nodes { id } } }'), 'progressEvents');
    expect(listA.nodes.map((n) => n.id)).toEqual([eventA.id]);

    const seenByA = dataOf<TenantProgress[]>(await asA(TENANT_FIELDS, reps(a, b)), '_entities');
    expect(seenByA[0]).toMatchObject({ id: a, progressSummary: { events: 1, completions: 1 }, recentProgress: [{ id: eventA.id }] });
    expect(seenByA[1]).toEqual({ id: b, progressSummary: EMPTY, recentProgress: [] });

    // Callers without a tenant own none; a role other than platform_admin changes nothing.
    for (const principal of [{ tenantId: null }, { tenantId: null, roles: ['tenant_admin'] }]) {
      const seen = dataOf<TenantProgress[]>(await harness.as(principal)(TENANT_FIELDS, reps(a, b)), '_entities');
      expect(seen.map((t) => [t.progressSummary, t.recentProgress])).toEqual([[EMPTY, []], [EMPTY, []]]);
    }
    const admin = dataOf<TenantProgress[]>(await harness.as({ tenantId: null, roles: ['platform_admin'] })(TENANT_FIELDS, reps(a, b)), '_entities');
    expect(admin.map((t) => t.progressSummary.events)).toEqual([1, 1]);

    // ProgressEvent references resolve only within the caller's tenant.
    const events = await asA('query($reps: [_Any!]!) { _entities(representations: $reps) { ... on ProgressEvent { id } } }', {
      reps: [eventA.id, eventB.id, 'not-a-uuid'].map((id) => ({ __typename: 'ProgressEvent', id })),
    });
    expect(dataOf(events, '_entities')).toEqual([{ id: eventA.id }, null, null]);
  });

  it.runIf(enabled)('batches the fields of many tenants into one query each', async () => {
    const tenants = [randomUUID(), randomUUID(), randomUUID()];
    for (const tenantId of tenants) await recordAll(harness.as({ tenantId }), generateEvents(4, tenantId.charCodeAt(0)));
    const summaries = vi.spyOn(ProgressEventRepository.prototype, 'summaries');
    const recent = vi.spyOn(ProgressEventRepository.prototype, 'recent');
    const result = dataOf<TenantProgress[]>(await harness.as({ tenantId: null, roles: ['platform_admin'] })(TENANT_FIELDS, reps(...tenants)), '_entities');
    expect(result.map((t) => [t.progressSummary.events, t.recentProgress.length])).toEqual([[4, 3], [4, 3], [4, 3]]);
    expect(summaries).toHaveBeenCalledTimes(1);
    expect(summaries.mock.calls[0]![0]).toEqual(tenants);
    expect(recent).toHaveBeenCalledTimes(1);
  });

  it.runIf(enabled)('limits recentProgress to 50', async () => {
    const call = harness.as({ tenantId: randomUUID() });
    const query = (first: number) => `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Tenant { recentProgress(first: ${first}) { id } } } }`;
    const tooMany = await call(query(51), reps(randomUUID()));
    expect(tooMany.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((await call(query(50), reps(randomUUID()))).body.errors).toBeUndefined();
  });

  it.runIf(enabled)('seeds demo progress idempotently, with CONOCER standards', async () => {
    const tenantId = randomUUID();
    const em = () => harness.runtime.database.orm.em.fork();
    expect(await seedDemoProgress(em(), tenantId, 12)).toBe(12);
    expect(await seedDemoProgress(em(), tenantId, 12)).toBe(0);
    expect(await seedDemoProgress(em(), tenantId, 14)).toBe(2);
    const call = harness.as({ tenantId });
    const list = dataOf<{ totalCount: number; nodes: { standard: { code: string } | null }[] }>(
      await call('{ progressEvents(first: 100) { totalCount nodes { standard { code } } } }'),
      'progressEvents',
    );
    expect(list.totalCount).toBe(14);
    expect(new Set(list.nodes.map((n) => n.standard?.code ?? null))).toEqual(new Set(['EC0217.01', 'EC0301', 'EC0366', null]));
    const [tenant] = dataOf<TenantProgress[]>(await call(TENANT_FIELDS, reps(tenantId)), '_entities');
    expect(tenant!.progressSummary.completions).toBeGreaterThanOrEqual(1);
  });
});
