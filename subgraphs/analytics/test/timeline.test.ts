import { randomUUID } from 'node:crypto';
import { ALL_TENANTS, forkWithTenantScope } from '@academy/subgraph-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IngestItem } from '../src/modules/pipeline';
import { CertificationMilestoneEntity } from '../src/modules/timeline';
import { certificationUpdated, certifiedSteps } from './certification-fixtures';
import { type AnalyticsHarness, dataOf, dialects, eventually, startAnalytics } from './support';

const TIMELINE = `query($learnerId: ID!, $first: Int, $before: DateTimeISO, $beforeId: ID) {
  learnerProgress(learnerId: $learnerId) {
    learnerId
    timeline(first: $first, before: $before, beforeId: $beforeId) { id kind occurredAt courseId standardCode percent activity durationSeconds certificationId certificationStatus folio reason }
  }
}`;

interface Entry {
  id: string;
  kind: 'PROGRESS' | 'ENGAGEMENT' | 'CERTIFICATION';
  occurredAt: string;
  courseId: string | null;
  standardCode: string | null;
  percent: number | null;
  activity: string | null;
  durationSeconds: number | null;
  certificationId: string | null;
  certificationStatus: string | null;
  folio: string | null;
  reason: string | null;
}

const MINUTE = 60_000;

describe.each(dialects)('the learner timeline on $name', ({ name, enabled }) => {
  let harness: AnalyticsHarness;
  beforeAll(async () => {
    if (enabled) harness = await startAnalytics(name);
  });
  afterAll(() => harness?.close());

  const timelineOf = async (call: ReturnType<AnalyticsHarness['as']>, learnerId: string, variables: { first?: number; before?: string; beforeId?: string } = {}) =>
    dataOf<{ timeline: Entry[] }>(await call(TIMELINE, { learnerId, ...variables }), 'learnerProgress').timeline;

  /** Progress and engagement through the pipeline, certification changes through the bus, as in production. */
  async function history(tenantId: string, learnerId: string, start: Date) {
    const at = (minutes: number) => new Date(start.getTime() + minutes * MINUTE);
    const item = (kind: 'progress' | 'engagement', data: Record<string, unknown>): IngestItem => ({ kind, source: 'api', tenantId, tenantVerified: true, data: { learnerId, courseId: 'soldadura', ...data }, receivedAt: new Date() });
    const results = await harness.runtime.pipeline.pipeline.ingest([
      item('progress', { percent: 10, standardCode: 'EC0217.01', occurredAt: at(0) }),
      item('engagement', { activity: 'LESSON_VIEWED', durationSeconds: 300, occurredAt: at(1) }),
      // Two entries of one instant.
      item('progress', { percent: 100, standardCode: 'EC0217.01', occurredAt: at(5) }),
      item('engagement', { activity: 'QUIZ_ATTEMPTED', durationSeconds: 120, occurredAt: at(5) }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['stored', 'stored', 'stored', 'stored']);
    const certification = certifiedSteps(tenantId, learnerId, at(2), 2 * MINUTE); // at 2, 4 and 6 minutes
    for (const event of certification) await harness.infrastructure.bus.publish(event);
    await eventually(async () => (await forkWithTenantScope(harness.runtime.database.orm.em, ALL_TENANTS).count(CertificationMilestoneEntity, { tenantId, learnerId })) === 3);
    return certification;
  }

  it.runIf(enabled)('merges progress, engagement and certification changes, newest first', async () => {
    const tenantId = randomUUID();
    const start = new Date(Date.now() - 24 * 3_600_000);
    const [, , issued] = await history(tenantId, 'ana', start);
    // Others' entries stay out: another learner of the tenant, the same learner id in another tenant.
    await history(tenantId, 'beto', start);
    await history(randomUUID(), 'ana', start);

    const timeline = await timelineOf(harness.as({ tenantId, subject: 'ana', roles: ['learner'] }), 'ana');
    const minutes = (entry: Entry) => (new Date(entry.occurredAt).getTime() - start.getTime()) / MINUTE;
    expect(timeline.map(minutes)).toEqual([6, 5, 5, 4, 2, 1, 0]);
    expect(timeline.map((e) => e.kind)).toEqual(['CERTIFICATION', expect.any(String), expect.any(String), 'CERTIFICATION', 'CERTIFICATION', 'ENGAGEMENT', 'PROGRESS']);
    // The two entries of one instant, in either order.
    expect(new Set(timeline.slice(1, 3).map((e) => e.kind))).toEqual(new Set(['ENGAGEMENT', 'PROGRESS']));
    expect(timeline.map((e) => e.certificationStatus)).toEqual(['ISSUED', null, null, 'SUBMITTED', 'PENDING', null, null]);

    expect(timeline[0]).toEqual({
      id: expect.any(String),
      kind: 'CERTIFICATION',
      occurredAt: issued!.payload.occurredAt,
      courseId: null,
      standardCode: 'EC0217.01',
      percent: null,
      activity: null,
      durationSeconds: null,
      certificationId: issued!.payload.certificationId,
      certificationStatus: 'ISSUED',
      folio: issued!.payload.folio,
      reason: null,
    });
    expect(timeline[6]).toMatchObject({ kind: 'PROGRESS', courseId: 'soldadura', standardCode: 'EC0217.01', percent: 10, activity: null, durationSeconds: null, certificationId: null, folio: null });
    expect(timeline[5]).toMatchObject({ kind: 'ENGAGEMENT', courseId: 'soldadura', percent: null, activity: 'LESSON_VIEWED', durationSeconds: 300, certificationStatus: null });
    expect(new Set(timeline.map((e) => e.id)).size).toBe(7);
  });

  it.runIf(enabled)('pages with first and before without losing or repeating an entry, instants kept whole', async () => {
    const tenantId = randomUUID();
    const start = new Date(Date.now() - 24 * 3_600_000);
    await history(tenantId, 'ana', start);
    const call = harness.as({ tenantId, subject: 'teacher', roles: ['instructor'] });
    const all = await timelineOf(call, 'ana');
    expect(all).toHaveLength(7);

    const pages: Entry[][] = [];
    let before: string | undefined;
    for (;;) {
      const page = await timelineOf(call, 'ana', { first: 2, ...(before && { before }) });
      if (page.length === 0) break;
      pages.push(page);
      before = page.at(-1)!.occurredAt;
    }
    expect(pages.flat()).toEqual(all);
    // The first page stops before the instant the next entry shares with its second: [6] then [5, 5].
    expect(pages.map((page) => page.length)).toEqual([1, 2, 2, 2]);
    // `before` is exclusive.
    const olderThanSubmitted = await timelineOf(call, 'ana', { before: all[3]!.occurredAt });
    expect(olderThanSubmitted).toEqual(all.slice(4));
  });

  it.runIf(enabled)('pages exactly with before and beforeId, however many entries share an instant', async () => {
    const tenantId = randomUUID();
    const instant = new Date(Date.now() - 3_600_000);
    const results = await harness.runtime.pipeline.pipeline.ingest(
      Array.from({ length: 5 }, (_, i): IngestItem => ({
        kind: 'progress',
        source: 'api',
        tenantId,
        tenantVerified: true,
        data: { learnerId: 'eva', courseId: 'soldadura', percent: 10 * (i + 1), occurredAt: instant },
        receivedAt: new Date(),
      })),
    );
    expect(results.every((r) => r.status === 'stored')).toBe(true);
    const call = harness.as({ tenantId, subject: 'teacher', roles: ['instructor'] });
    const all = await timelineOf(call, 'eva');
    expect(all).toHaveLength(5);

    const pages: Entry[][] = [];
    let cursor: { before: string; beforeId: string } | undefined;
    for (;;) {
      const page = await timelineOf(call, 'eva', { first: 2, ...cursor });
      if (page.length === 0) break;
      pages.push(page);
      cursor = { before: page.at(-1)!.occurredAt, beforeId: page.at(-1)!.id };
    }
    expect(pages.map((page) => page.length)).toEqual([2, 2, 1]);
    expect(pages.flat()).toEqual(all);
    // `before` alone cannot get past an instant with more entries than `first`: that is what `beforeId` is for.
    expect(await timelineOf(call, 'eva', { first: 2, before: all[1]!.occurredAt })).toEqual([]);

    for (const variables of [{ beforeId: all[0]!.id }, { before: all[0]!.occurredAt, beforeId: 'not-an-id' }]) {
      const refused = await call(TIMELINE, { learnerId: 'eva', ...variables });
      expect(refused.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'beforeId' });
    }
  });

  it.runIf(enabled)('allows what learnerProgress allows: a learner only their own, the tenant-wide roles anyone in their tenant', async () => {
    const tenantId = randomUUID();
    await history(tenantId, 'ana', new Date(Date.now() - 3_600_000));
    const refused = await harness.as({ tenantId, subject: 'beto', roles: ['learner'] })(TIMELINE, { learnerId: 'ana' });
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(refused.body.data?.learnerProgress ?? null).toBeNull();
    for (const roles of [['instructor'], ['tenant_admin'], ['partner']]) {
      expect(await timelineOf(harness.as({ tenantId, subject: 'staff', roles }), 'ana')).toHaveLength(7);
    }
    // Another tenant's admin asking for the same learner id sees their own tenant's (none).
    expect(await timelineOf(harness.as({ tenantId: randomUUID(), subject: 'admin', roles: ['tenant_admin'] }), 'ana')).toEqual([]);
  });

  it.runIf(enabled)('refuses a page size out of 1 to 100 with BAD_USER_INPUT', async () => {
    const tenantId = randomUUID();
    const call = harness.as({ tenantId, subject: 'ana', roles: ['learner'] });
    await harness.infrastructure.bus.publish(certificationUpdated(tenantId, { learnerId: 'ana' }));
    for (const first of [0, -1, 101]) {
      const { body } = await call(TIMELINE, { learnerId: 'ana', first });
      expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'first' });
    }
    const notADate = await call(TIMELINE, { learnerId: 'ana', before: 'yesterday' });
    expect(notADate.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await timelineOf(call, 'ana', { first: 100 })).toBeInstanceOf(Array);
  });
});
