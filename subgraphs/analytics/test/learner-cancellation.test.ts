import { randomUUID } from 'node:crypto';
import { newEvent } from '@academy/event-bus';
import { LEARNER_EVENT } from '@academy/privacy';
import { ALL_TENANTS, forkWithTenantScope } from '@academy/subgraph-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROGRESS_REPORTED } from '../src';
import { DeadLetterEntity } from '../src/modules/dead-letters';
import { AnalyticsEventEntity } from '../src/modules/events';
import { AnalyticsOutboxMessageEntity } from '../src/modules/outbox';
import { CertificationMilestoneEntity } from '../src/modules/timeline';
import { certificationUpdated, certifiedSteps } from './certification-fixtures';
import { type AnalyticsHarness, dataOf, dialects, eventually, RECORD, startAnalytics } from './support';

const PROGRESS = `query($learnerId: ID!) { learnerProgress(learnerId: $learnerId) { courses { courseId } timeline { kind } } }`;

describe.each(dialects)('learner cancellation in analytics on $name', ({ name, enabled }) => {
  let harness: AnalyticsHarness;
  beforeAll(async () => {
    if (enabled) harness = await startAnalytics(name);
  });
  afterAll(() => harness?.close());

  const em = () => forkWithTenantScope(harness.runtime.database.orm.em, ALL_TENANTS);
  const step = (type: string, tenantId: string, learnerId: string) =>
    harness.infrastructure.bus.publish(newEvent(type, tenantId, { cancellationId: randomUUID(), learnerId, actor: 'admin', at: new Date().toISOString() }));
  const lettersAbout = async (tenantId: string, learnerId: string) =>
    (await em().find(DeadLetterEntity, { tenantId })).filter((letter) => (letter.payload as { data?: { learnerId?: string } }).data?.learnerId === learnerId);

  it.runIf(enabled)('hides a blocked learner’s progress and timeline, refuses new certification milestones, then deletes it all', async () => {
    const tenantId = randomUUID();
    const admin = harness.as({ tenantId, subject: 'admin', roles: ['tenant_admin'] });
    const milestones = (learnerId: string) => em().count(CertificationMilestoneEntity, { tenantId, learnerId });
    dataOf(await admin(RECORD, { input: { learnerId: 'carla', courseId: 'c1', percent: 30 } }), 'recordProgress');
    dataOf(await admin(RECORD, { input: { learnerId: 'dario', courseId: 'c1', percent: 40 } }), 'recordProgress');
    for (const learnerId of ['carla', 'dario']) for (const event of certifiedSteps(tenantId, learnerId, new Date(Date.now() - 3_600_000))) await harness.infrastructure.bus.publish(event);
    // A malformed event about carla: a dead letter holding her learner id.
    await harness.infrastructure.bus.publish(newEvent(PROGRESS_REPORTED, tenantId, { learnerId: 'carla', courseId: 'c1', percent: 'mucho' }));
    await eventually(async () => (await lettersAbout(tenantId, 'carla')).length === 1 && (await milestones('carla')) === 3 && (await milestones('dario')) === 3);
    expect(dataOf<{ timeline: unknown[] }>(await admin(PROGRESS, { learnerId: 'carla' }), 'learnerProgress').timeline).toHaveLength(4);

    await step(LEARNER_EVENT.cancellationBlocked, tenantId, 'carla');
    await eventually(async () => dataOf<{ courses: unknown[] }>(await admin(PROGRESS, { learnerId: 'carla' }), 'learnerProgress').courses.length === 0);
    expect(dataOf<{ timeline: unknown[] }>(await admin(PROGRESS, { learnerId: 'carla' }), 'learnerProgress').timeline).toEqual([]);
    // Blocked, not deleted yet: still stored, and new certification changes are refused.
    expect(await em().count(AnalyticsEventEntity, { tenantId, learnerId: 'carla' })).toBe(1);
    await harness.infrastructure.bus.publish(certificationUpdated(tenantId, { learnerId: 'carla', status: 'PENDING' }));
    const refused = await eventually(async () => (await lettersAbout(tenantId, 'carla')).find((letter) => letter.kind === 'certification'));
    expect(refused).toMatchObject({ stage: 'enrichment', reasons: [expect.stringContaining('LEARNER_DATA_BLOCKED')] });
    expect(await milestones('carla')).toBe(3);

    await step(LEARNER_EVENT.deleted, tenantId, 'carla');
    await eventually(async () => (await em().count(AnalyticsEventEntity, { tenantId, learnerId: 'carla' })) === 0);
    expect(await milestones('carla')).toBe(0);
    expect(await lettersAbout(tenantId, 'carla')).toEqual([]);
    const audit = (await em().find(AnalyticsOutboxMessageEntity, { type: 'audit.recorded' })).map((row) => row.event).find((e) => e.tenantId === tenantId && (e.payload as { action: string }).action === 'learner.cancellation.delete');
    expect((audit?.payload as { reason: string }).reason).toContain('certificationMilestones=3');
    // Nobody else's data goes.
    expect(await em().count(AnalyticsEventEntity, { tenantId, learnerId: 'dario' })).toBe(1);
    expect(await milestones('dario')).toBe(3);
    expect(dataOf<{ courses: unknown[]; timeline: unknown[] }>(await admin(PROGRESS, { learnerId: 'dario' }), 'learnerProgress')).toMatchObject({ courses: [{ courseId: 'c1' }], timeline: { length: 4 } });

    // After deletion, events about carla are refused and discarded: not even a dead letter keeps her id.
    const late = await admin(RECORD, { input: { learnerId: 'carla', courseId: 'c1', percent: 50 } });
    expect(late.body.errors?.[0]?.extensions).toMatchObject({ code: 'LEARNER_DATA_BLOCKED' });
    expect(late.body.errors?.[0]?.extensions?.deadLetterId).toBeUndefined();
    await harness.infrastructure.bus.publish(newEvent(PROGRESS_REPORTED, tenantId, { learnerId: 'carla', courseId: 'c1', percent: 60 }));
    await harness.infrastructure.bus.publish(certificationUpdated(tenantId, { learnerId: 'carla', status: 'PENDING' }));
    // Markers behind them on the same consumers: once dario's arrive, carla's have been handled.
    await harness.infrastructure.bus.publish(newEvent(PROGRESS_REPORTED, tenantId, { learnerId: 'dario', courseId: 'c1', percent: 70 }));
    await harness.infrastructure.bus.publish(certificationUpdated(tenantId, { learnerId: 'dario', status: 'PENDING' }));
    await eventually(async () => (await em().count(AnalyticsEventEntity, { tenantId, learnerId: 'dario' })) === 2 && (await milestones('dario')) === 4);
    expect(await lettersAbout(tenantId, 'carla')).toEqual([]);
    expect(await em().count(AnalyticsEventEntity, { tenantId, learnerId: 'carla' })).toBe(0);
    expect(await milestones('carla')).toBe(0);
  });
});
