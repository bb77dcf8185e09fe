import { randomUUID } from 'node:crypto';
import { type DomainEvent, newEvent } from '@academy/event-bus';
import { ALL_TENANTS, forkWithTenantScope } from '@academy/subgraph-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COURSE_COMPLETED, PROGRESS_REPORTED } from '../src';
import { AnalyticsEventEntity } from '../src/modules/events';
import { AnalyticsOutboxMessageEntity } from '../src/modules/outbox';
import { type AnalyticsHarness, dataOf, dialects, eventually, startAnalytics } from './support';

interface Report {
  stored: number;
  duplicates: number;
  rejected: number;
  results: { index: number; status: string; eventId: string | null; reasons: string[]; deadLetterId: string | null }[];
}

const BATCH = `mutation($events: [ProgressEventItemInput!]!) {
  recordProgressBatch(events: $events) { stored duplicates rejected results { index status eventId reasons deadLetterId } }
}`;
const ENGAGEMENT = `mutation($input: RecordEngagementInput!) {
  recordEngagement(input: $input) { id learnerId courseId activity durationSeconds lineage { source steps routes } }
}`;
const DEAD_LETTERS = `query($includeResolved: Boolean) {
  pipelineDeadLetters(first: 100, includeResolved: $includeResolved) { totalCount nodes { id kind source stage reasons payload attempts resolvedAt resolvedEventId } }
}`;
const REPLAY = `mutation($ids: [ID!]!) { replayDeadLetters(ids: $ids) { stored duplicates rejected results { status eventId reasons } } }`;
const REGISTER = `mutation($input: RegisterCourseInput!) { registerCourse(input: $input) { courseId standardCode } }`;
const EVENTS = `{ progressEvents(first: 100) { totalCount nodes { id learnerId courseId percent standard { code } lineage { source steps routes replayOf } } } }`;

const future = () => new Date(Date.now() + 3_600_000).toISOString();

describe.each(dialects)('the analytics pipeline on $name', ({ name, enabled }) => {
  let harness: AnalyticsHarness;
  beforeAll(async () => {
    if (enabled) harness = await startAnalytics(name);
  });
  afterAll(() => harness?.close());

  const count = (tenantId: string) => forkWithTenantScope(harness.runtime.database.orm.em, ALL_TENANTS).count(AnalyticsEventEntity, { tenantId });
  const admin = (tenantId: string) => harness.as({ tenantId, subject: 'admin', roles: ['tenant_admin'] });

  it.runIf(enabled)('answers a batch per event: stored, duplicate, or dead-lettered with every reason', async () => {
    const tenantId = randomUUID();
    const call = admin(tenantId);
    const events = [
      { learnerId: 'ana', courseId: 'c1', percent: 10, clientEventId: 'e1' },
      { learnerId: 'ana', courseId: 'c1', percent: 20, clientEventId: 'e1' }, // repeats the first
      { courseId: 'c1', percent: 30 }, // missing learner
      { learnerId: 'ana', courseId: 'c1', percent: 130, standardCode: 'X1' }, // out of range, malformed standard
      { learnerId: 'ana', courseId: 'c1', percent: 40, occurredAt: future() }, // far in the future
      { learnerId: 'ana', courseId: 'c1' }, // missing percent
      { learnerId: 'beto', courseId: 'c2', percent: 50, clientEventId: 'e2' },
    ];
    const report = dataOf<Report>(await call(BATCH, { events }), 'recordProgressBatch');
    expect([report.stored, report.duplicates, report.rejected]).toEqual([2, 1, 4]);
    expect(report.results.map((r) => r.status)).toEqual(['STORED', 'DUPLICATE', 'REJECTED', 'REJECTED', 'REJECTED', 'REJECTED', 'STORED']);
    expect(report.results[1]!.eventId).toBe(report.results[0]!.eventId);
    expect(report.results[2]!.reasons).toEqual(['learnerId: required']);
    expect(report.results[3]!.reasons).toEqual([expect.stringMatching(/^standardCode: /), 'percent: must be at most 100']);
    expect(report.results[4]!.reasons).toEqual(['occurredAt: must not be more than 5 minutes in the future']);
    expect(report.results[5]!.reasons).toEqual(['percent: required']);

    // Nothing lost: every event is stored, a duplicate of a stored one, or a dead letter.
    expect(await count(tenantId)).toBe(2);
    const letters = dataOf<{ totalCount: number; nodes: { id: string; stage: string; source: string; payload: string }[] }>(await call(DEAD_LETTERS), 'pipelineDeadLetters');
    expect(letters.totalCount).toBe(4);
    expect(new Set(letters.nodes.map((l) => l.id))).toEqual(new Set(report.results.flatMap((r) => (r.deadLetterId ? [r.deadLetterId] : []))));
    expect(letters.nodes.every((l) => l.stage === 'validation' && l.source === 'api')).toBe(true);
    expect(letters.nodes.map((l) => JSON.parse(l.payload))).toContainEqual({ courseId: 'c1', percent: 30 });
    // Resending the batch stores nothing new.
    const again = dataOf<Report>(await call(BATCH, { events: [events[0], events[6]] }), 'recordProgressBatch');
    expect([again.stored, again.duplicates]).toEqual([0, 2]);
    expect(await count(tenantId)).toBe(2);
  });

  it.runIf(enabled)('keeps each stored event’s lineage and enriches it from the course catalog', async () => {
    const tenantId = randomUUID();
    const call = admin(tenantId);
    dataOf(await call(REGISTER, { input: { courseId: 'c1', title: 'Curso uno', standardCode: 'EC0217' } }), 'registerCourse');
    dataOf(await call(REGISTER, { input: { courseId: 'c2', title: 'Curso dos' } }), 'registerCourse');
    dataOf(await call(BATCH, { events: [{ learnerId: 'ana', courseId: 'c1', percent: 40, occurredAt: '2026-01-05T10:00:00Z' }] }), 'recordProgressBatch');
    const engagement = dataOf<{ activity: string; lineage: { source: string; steps: string[]; routes: string[] } }>(
      await call(ENGAGEMENT, { input: { learnerId: 'ana', courseId: 'c2', activity: 'VIDEO_WATCHED', durationSeconds: 300 } }),
      'recordEngagement',
    );
    expect(engagement).toMatchObject({ activity: 'VIDEO_WATCHED', lineage: { source: 'api', steps: ['buffered', 'validated', 'enriched', 'routed', 'stored'], routes: ['storage', 'stream:engagement.recorded'] } });
    const [event] = dataOf<{ nodes: { standard: { code: string }; lineage: { routes: string[] } }[] }>(await call(EVENTS), 'progressEvents').nodes;
    // The catalog gave the standard; an event of an earlier day is late for the aggregates.
    expect(event).toMatchObject({ standard: { code: 'EC0217' }, lineage: { routes: ['storage', 'stream:progress.recorded', 'trigger:aggregates.late'] } });
  });

  it.runIf(enabled)('dead-letters unknown courses and tenants, and stores them on replay once they are known', async () => {
    const tenantId = randomUUID();
    const call = admin(tenantId);
    dataOf(await call(REGISTER, { input: { courseId: 'known', title: 'Conocido' } }), 'registerCourse');
    const unknownCourse = await call(`mutation { recordProgress(input: { learnerId: "ana", courseId: "nuevo", percent: 5 }) { id } }`);
    expect(unknownCourse.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reasons: [expect.stringContaining('courseId: unknown course nuevo')] });

    // A bus event for a tenant analytics never heard of.
    const stranger = randomUUID();
    await harness.infrastructure.bus.publish(newEvent(PROGRESS_REPORTED, stranger, { learnerId: 'x', courseId: 'c', percent: 1, occurredAt: new Date().toISOString() }));
    const platform = harness.as({ tenantId: null, roles: ['platform_admin'] });
    const strangerLetter = await eventually(async () => {
      const list = dataOf<{ nodes: { id: string; reasons: string[]; source: string }[] }>(await platform(DEAD_LETTERS), 'pipelineDeadLetters');
      return list.nodes.find((l) => l.reasons.includes(`tenantId: unknown tenant ${stranger}`));
    });
    expect(strangerLetter.source).toBe('bus');
    // Tenant admins see their own tenant's letters only.
    const own = dataOf<{ nodes: { id: string }[] }>(await call(DEAD_LETTERS), 'pipelineDeadLetters');
    expect(own.nodes.map((l) => l.id)).not.toContain(strangerLetter.id);

    // Still unknown: the replay fails again and the letter stays, counting the attempt.
    const [courseLetter] = dataOf<{ nodes: { id: string }[] }>(await call(DEAD_LETTERS), 'pipelineDeadLetters').nodes;
    expect(dataOf<Report>(await call(REPLAY, { ids: [courseLetter!.id] }), 'replayDeadLetters').rejected).toBe(1);
    expect(dataOf<{ nodes: { id: string; attempts: number }[] }>(await call(DEAD_LETTERS), 'pipelineDeadLetters').nodes.find((l) => l.id === courseLetter!.id)?.attempts).toBe(2);

    dataOf(await call(REGISTER, { input: { courseId: 'nuevo', title: 'Nuevo' } }), 'registerCourse');
    await harness.infrastructure.bus.publish(newEvent('tenant.changed', stranger, { tenantId: stranger, slug: 'stranger', customDomains: [] }));
    const replayed = dataOf<Report>(await call(REPLAY, { ids: [courseLetter!.id] }), 'replayDeadLetters');
    expect(replayed.stored).toBe(1);
    await eventually(async () => dataOf<Report>(await platform(REPLAY, { ids: [strangerLetter.id] }), 'replayDeadLetters').stored === 1);
    expect(dataOf<{ totalCount: number }>(await call(DEAD_LETTERS), 'pipelineDeadLetters').totalCount).toBe(0);
    const resolved = dataOf<{ nodes: { resolvedEventId: string }[] }>(await call(DEAD_LETTERS, { includeResolved: true }), 'pipelineDeadLetters').nodes;
    expect(resolved.map((l) => l.resolvedEventId)).toEqual([replayed.results[0]!.eventId]);
    const events = dataOf<{ nodes: { lineage: { source: string; replayOf: string } }[] }>(await call(EVENTS), 'progressEvents').nodes;
    expect(events[0]!.lineage).toMatchObject({ source: 'replay', replayOf: courseLetter!.id });
    expect(await count(stranger)).toBe(1);
    // A replayed letter cannot be replayed twice, and another tenant's is not found.
    expect((await call(REPLAY, { ids: [courseLetter!.id] })).body.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect((await admin(randomUUID())(REPLAY, { ids: [courseLetter!.id] })).body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it.runIf(enabled)('ingests domain events from the bus once, however often they are delivered', async () => {
    const tenantId = randomUUID();
    dataOf(await admin(tenantId)(REGISTER, { input: { courseId: 'c1', title: 'Uno' } }), 'registerCourse');
    const event = newEvent(PROGRESS_REPORTED, tenantId, {
      events: [
        { learnerId: 'ana', courseId: 'c1', percent: 10, occurredAt: new Date().toISOString() },
        { learnerId: 'beto', courseId: 'c1', percent: 'mucho', occurredAt: new Date().toISOString() },
      ],
    });
    await harness.infrastructure.bus.publish(event);
    await harness.infrastructure.bus.publish(event); // a redelivery
    await eventually(async () => (await count(tenantId)) === 1 && dataOf<{ totalCount: number }>(await admin(tenantId)(DEAD_LETTERS), 'pipelineDeadLetters').totalCount >= 1);
    expect(await count(tenantId)).toBe(1);
    const letters = dataOf<{ nodes: { reasons: string[] }[] }>(await admin(tenantId)(DEAD_LETTERS), 'pipelineDeadLetters').nodes;
    // The wrong type is dead-lettered; each delivery of it is a letter of its own, since a letter records what arrived.
    expect(letters.map((l) => l.reasons)).toContainEqual(['percent: must be a number']);
  });
});

describe.each(dialects)('course completion on $name', ({ name, enabled }) => {
  let harness: AnalyticsHarness;
  beforeAll(async () => {
    if (enabled) harness = await startAnalytics(name);
  });
  afterAll(() => harness?.close());

  it.runIf(enabled)('publishes course.completed once per learner and course, through the outbox, with the payload conocer reads', async () => {
    const tenantId = randomUUID();
    const received: DomainEvent[] = [];
    const stop = await harness.infrastructure.bus.consume(`test.completions.${tenantId}`, [COURSE_COMPLETED], async (event) => {
      if (event.tenantId === tenantId) received.push(event);
    });
    const call = harness.as({ tenantId, roles: ['tenant_admin'] });
    await call(REGISTER, { input: { courseId: 'c1', title: 'Uno', standardCode: 'EC0301' } });
    const at = '2026-02-01T12:00:00.000Z';
    await call(BATCH, {
      events: [
        { learnerId: 'ana', courseId: 'c1', percent: 100, occurredAt: at },
        { learnerId: 'ana', courseId: 'c1', percent: 100, occurredAt: '2026-02-02T12:00:00.000Z' },
        { learnerId: 'beto', courseId: 'c1', percent: 99 },
      ],
    });
    await call(BATCH, { events: [{ learnerId: 'ana', courseId: 'c1', percent: 100 }] });
    await eventually(() => received.length === 1);
    await harness.runtime.pipeline.relay.relay();
    await stop();
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ type: COURSE_COMPLETED, tenantId });
    expect(received[0]!.payload).toStrictEqual({ learnerId: 'ana', courseId: 'c1', standardCode: 'EC0301', completedAt: at });
    const outbox = await forkWithTenantScope(harness.runtime.database.orm.em, ALL_TENANTS).find(AnalyticsOutboxMessageEntity, { id: received[0]!.id });
    expect(outbox[0]!.publishedAt).not.toBeNull();
  });
});
