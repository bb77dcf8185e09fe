import { randomUUID } from 'node:crypto';
import { newEvent } from '@academy/event-bus';
import { ALL_TENANTS, type DatabaseDialect, forkWithTenantScope } from '@academy/subgraph-kit';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CERTIFICATION_MILESTONES_CONSUMER_GROUP } from '../src';
import { writeDeadLetters } from '../src/modules/dead-letters';
import { CERTIFICATION_UPDATED } from '../src/modules/live';
import { CERTIFICATION_LETTER_KIND, CertificationMilestoneEntity, CertificationMilestoneRecorder } from '../src/modules/timeline';
import { certificationUpdated, certifiedSteps } from './certification-fixtures';
import { type AnalyticsHarness, amqpUrl, dataOf, dialects, eventually, logger, startAnalytics } from './support';

const buses = [
  { bus: 'in-process', enabled: true },
  { bus: 'rabbitmq', enabled: amqpUrl !== null },
] as const;
// RabbitMQ on PostgreSQL only: the bus is what differs, and one real combination covers it.
const modes = dialects.flatMap((d) => buses.filter((b) => b.bus === 'in-process' || d.name === 'postgresql').map((b) => ({ dialect: d.name as DatabaseDialect, bus: b.bus, enabled: d.enabled && b.enabled })));

const DEAD_LETTERS = `{ pipelineDeadLetters(first: 100, includeResolved: true) { nodes { id kind source stage reasons payload attempts resolvedAt resolvedEventId } } }`;
const REPLAY = `mutation($ids: [ID!]!) { replayDeadLetters(ids: $ids) { stored duplicates rejected results { status eventId reasons deadLetterId } } }`;
const EXPORT = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on LearnerDataExport {
  learnerId analytics { events { kind percent } certificationMilestones { certificationId standardCode status folio reason occurredAt receivedAt } }
} } }`;

interface Letter {
  id: string;
  kind: string;
  source: string;
  stage: string;
  reasons: string[];
  payload: string;
  attempts: number;
  resolvedAt: string | null;
  resolvedEventId: string | null;
}

describe.each(modes)('certification milestones on $dialect with the $bus bus', ({ dialect, bus, enabled }) => {
  let harness: AnalyticsHarness;
  beforeAll(async () => {
    // One delivery at a time, in publish order: an event published last is handled last, so waiting
    // for it to be stored means the ones before it (duplicates, malformed) were handled too.
    if (enabled) harness = await startAnalytics(dialect, { bus, consumeOptions: { concurrency: 1, maxAttempts: 2, retryDelayMs: 10 } });
  });
  afterAll(() => harness?.close());

  const em = () => forkWithTenantScope(harness.runtime.database.orm.em, ALL_TENANTS) as SqlEntityManager;
  const milestones = (tenantId: string) => em().find(CertificationMilestoneEntity, { tenantId }, { orderBy: { occurredAt: 'asc', status: 'asc' } });
  const publish = (...events: Parameters<AnalyticsHarness['infrastructure']['bus']['publish']>[0][]) => Promise.all(events.map((e) => harness.infrastructure.bus.publish(e)));
  const stored = (tenantId: string, certificationId: string) => eventually(async () => (await milestones(tenantId)).some((m) => m.certificationId === certificationId));
  const admin = (tenantId: string) => harness.as({ tenantId, subject: 'admin', roles: ['tenant_admin'] });

  it.runIf(enabled)('stores each status change of a certification once, however often it is delivered', async () => {
    const tenantId = randomUUID();
    const certificationId = randomUUID();
    const start = new Date(Date.now() - 3_600_000);
    const [pending, submitted, issued] = certifiedSteps(tenantId, 'ana', start, 60_000, certificationId);
    for (const event of [pending!, submitted!, issued!]) await publish(event);
    // A redelivery of the same event, and another event reporting the same change.
    await publish(issued!);
    await publish(certificationUpdated(tenantId, { certificationId, learnerId: 'ana', status: 'ISSUED', folio: 'CNC-SECOND', occurredAt: new Date().toISOString() }));
    const rejected = certificationUpdated(tenantId, { learnerId: 'ana', status: 'REJECTED', reason: 'NOT_COMPETENT: la evaluación no acreditó la competencia', occurredAt: new Date().toISOString() });
    await publish(rejected);
    await stored(tenantId, rejected.payload.certificationId);

    const rows = await milestones(tenantId);
    expect(rows.map((r) => [r.certificationId, r.status])).toEqual([
      [certificationId, 'PENDING'],
      [certificationId, 'SUBMITTED'],
      [certificationId, 'ISSUED'],
      [rejected.payload.certificationId, 'REJECTED'],
    ]);
    // The first report of a change is the one kept.
    expect(rows[2]).toMatchObject({ learnerId: 'ana', standardCode: 'EC0217.01', folio: issued!.payload.folio, reason: null, occurredAt: new Date(issued!.payload.occurredAt), busEventId: issued!.id });
    expect(rows[3]).toMatchObject({ folio: null, reason: 'NOT_COMPETENT: la evaluación no acreditó la competencia' });
    expect(new Set(rows.map((r) => r.id)).size).toBe(4);
    // Nothing was refused along the way.
    expect(dataOf<{ nodes: Letter[] }>(await admin(tenantId)(DEAD_LETTERS), 'pipelineDeadLetters').nodes).toEqual([]);
  });

  it.runIf(enabled)('stores one row when deliveries of the same change race', async () => {
    const tenantId = randomUUID();
    const recorder = new CertificationMilestoneRecorder(em, dialect, { has: () => false, deleted: () => false }, logger);
    const [event] = certifiedSteps(tenantId, 'ana', new Date(Date.now() - 60_000));
    const results = await Promise.all(Array.from({ length: 6 }, () => recorder.record({ tenantId, data: event!.payload, busEventId: event!.id, receivedAt: new Date() })));
    expect(results.filter((r) => r.status === 'stored')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'duplicate')).toHaveLength(5);
    const [row] = await milestones(tenantId);
    expect(results.every((r) => 'id' in r && r.id === row!.id)).toBe(true);
    expect(await milestones(tenantId)).toHaveLength(1);
  });

  it.runIf(enabled)('refuses a blocked learner’s change as a dead letter, and discards a deleted learner’s without keeping anything', async () => {
    const tenantId = randomUUID();
    const learners = { has: (_: string, learnerId: string) => learnerId !== 'ana', deleted: (_: string, learnerId: string) => learnerId === 'eva' };
    const recorder = new CertificationMilestoneRecorder(em, dialect, learners, logger);
    const item = (learnerId: string) => {
      const event = certificationUpdated(tenantId, { learnerId });
      return { tenantId, data: event.payload, busEventId: event.id, receivedAt: new Date() };
    };
    const blocked = await recorder.record(item('bea'));
    expect(blocked).toMatchObject({ status: 'rejected', reasons: [expect.stringContaining('LEARNER_DATA_BLOCKED')], deadLetterId: expect.any(String) });
    const deleted = await recorder.record(item('eva'));
    expect(deleted).toEqual({ status: 'rejected', reasons: [expect.stringContaining('LEARNER_DATA_BLOCKED')] });
    const letters = dataOf<{ nodes: Letter[] }>(await admin(tenantId)(DEAD_LETTERS), 'pipelineDeadLetters').nodes;
    expect(letters.map((letter) => letter.id)).toEqual([(blocked as { deadLetterId: string }).deadLetterId]);
    expect(letters[0]!.payload).not.toContain('eva');
    expect(await milestones(tenantId)).toEqual([]);
  });

  it.runIf(enabled)('dead-letters malformed events without failing the delivery, and stores nothing from them', async () => {
    const tenantId = randomUUID();
    const { learnerId: _dropped, ...withoutLearner } = certificationUpdated(tenantId).payload;
    const malformed = [
      newEvent(CERTIFICATION_UPDATED, tenantId, 'ISSUED'),
      newEvent(CERTIFICATION_UPDATED, tenantId, withoutLearner),
      certificationUpdated(tenantId, { status: 'DONE' as never }),
      certificationUpdated(tenantId, { occurredAt: new Date(Date.now() + 3_600_000).toISOString() }),
      certificationUpdated(tenantId, { standardCode: 'X1', folio: 42 as never }),
      certificationUpdated(null, { learnerId: `tenantless-${tenantId}` }),
    ];
    for (const event of malformed) await publish(event);
    const valid = certificationUpdated(tenantId, { learnerId: 'ana' });
    await publish(valid);
    await stored(tenantId, valid.payload.certificationId);

    expect((await milestones(tenantId)).map((m) => m.certificationId)).toEqual([valid.payload.certificationId]);
    const letters = dataOf<{ nodes: Letter[] }>(await admin(tenantId)(DEAD_LETTERS), 'pipelineDeadLetters').nodes;
    expect(letters.every((l) => l.kind === CERTIFICATION_LETTER_KIND && l.source === 'bus' && l.stage === 'validation' && l.resolvedAt === null)).toBe(true);
    // Letters received in the same millisecond have no order among them: compared as a set.
    expect(letters.map((l) => l.reasons).sort((a, b) => a[0]!.localeCompare(b[0]!))).toEqual([
      ['event: must be an object'],
      ['learnerId: required'],
      ['occurredAt: must not be more than 5 minutes in the future'],
      ['standardCode: must look like EC0217 or EC0217.01', 'folio: must be a string'],
      ['status: must be one of PENDING, SUBMITTED, ISSUED, REJECTED'],
    ]);
    // The letter keeps the payload as it arrived.
    const missingLearner = letters.find((l) => l.reasons[0] === 'learnerId: required');
    expect(JSON.parse(missingLearner!.payload)).toEqual(withoutLearner);
    const platform = harness.as({ tenantId: null, roles: ['platform_admin'] });
    const tenantless = dataOf<{ nodes: Letter[] }>(await platform(DEAD_LETTERS), 'pipelineDeadLetters').nodes.find((l) => JSON.parse(l.payload).learnerId === `tenantless-${tenantId}`);
    expect(tenantless?.reasons).toEqual(['tenantId: required (the bus event names no tenant)']);
    // Acknowledged: none was retried into the bus's own dead letters.
    expect(await harness.infrastructure.bus.deadLetters(CERTIFICATION_MILESTONES_CONSUMER_GROUP)).toEqual([]);

    // A replay refuses it again, and counts the attempt (the letter found by its reason: the list has no order within a millisecond).
    const badStatus = letters.find((l) => l.reasons[0]!.startsWith('status:'))!;
    const report = dataOf<{ rejected: number; results: { reasons: string[] }[] }>(await admin(tenantId)(REPLAY, { ids: [badStatus.id] }), 'replayDeadLetters');
    expect(report).toMatchObject({ rejected: 1, results: [{ reasons: ['status: must be one of PENDING, SUBMITTED, ISSUED, REJECTED'] }] });
    const again = dataOf<{ nodes: Letter[] }>(await admin(tenantId)(DEAD_LETTERS), 'pipelineDeadLetters').nodes.find((l) => l.id === badStatus.id);
    expect(again?.attempts).toBe(2);
  });

  it.runIf(enabled)('replays a certification dead letter into the timeline, once', async () => {
    const tenantId = randomUUID();
    const [event] = certifiedSteps(tenantId, 'ana', new Date(Date.now() - 60_000));
    // A letter whose event is acceptable now (as after a fix to the validation): written as the consumer writes them.
    const [letterId] = await em().transactional((tx) =>
      writeDeadLetters(tx, dialect, [
        { tenantId, tenantVerified: false, kind: CERTIFICATION_LETTER_KIND, source: 'bus', stage: 'validation', reasons: ['status: must be one of …'], data: event!.payload, busEventId: event!.id, receivedAt: new Date() },
      ]),
    );
    const report = dataOf<{ stored: number; results: { status: string; eventId: string }[] }>(await admin(tenantId)(REPLAY, { ids: [letterId] }), 'replayDeadLetters');
    expect(report.stored).toBe(1);
    const [row] = await milestones(tenantId);
    expect(row).toMatchObject({ id: report.results[0]!.eventId, certificationId: event!.payload.certificationId, status: 'PENDING', busEventId: event!.id });
    const letter = dataOf<{ nodes: Letter[] }>(await admin(tenantId)(DEAD_LETTERS), 'pipelineDeadLetters').nodes.find((l) => l.id === letterId);
    expect(letter).toMatchObject({ resolvedEventId: row!.id, attempts: 2 });
    expect(letter?.resolvedAt).not.toBeNull();
    expect((await admin(tenantId)(REPLAY, { ids: [letterId] })).body.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });

  it.runIf(enabled)('includes the milestones in the learner’s data export, oldest first', async () => {
    const tenantId = randomUUID();
    const steps = certifiedSteps(tenantId, 'ana', new Date(Date.now() - 3_600_000));
    for (const event of [...steps, ...certifiedSteps(tenantId, 'beto', new Date(Date.now() - 3_600_000))]) await publish(event);
    await eventually(async () => (await milestones(tenantId)).length === 6);
    const reps = [{ __typename: 'LearnerDataExport', learnerId: 'ana' }];
    const exported = (await harness.as({ tenantId, subject: 'ana', roles: ['learner'] })(EXPORT, { reps })).body;
    expect(exported.errors).toBeUndefined();
    const section = (exported.data as { _entities: { analytics: { certificationMilestones: Record<string, unknown>[] } }[] })._entities[0]!.analytics;
    expect(section.certificationMilestones).toEqual(
      steps.map(({ payload }) => ({
        certificationId: payload.certificationId,
        standardCode: 'EC0217.01',
        status: payload.status,
        folio: payload.folio,
        reason: null,
        occurredAt: payload.occurredAt,
        receivedAt: expect.any(String),
      })),
    );
    // Another learner may not export it.
    const other = await harness.as({ tenantId, subject: 'beto', roles: ['learner'] })(EXPORT, { reps });
    expect(other.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
