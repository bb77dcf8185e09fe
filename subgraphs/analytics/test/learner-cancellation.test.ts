import { randomUUID } from 'node:crypto';
import { newEvent } from '@academy/event-bus';
import { LEARNER_EVENT } from '@academy/privacy';
import { ALL_TENANTS, forkWithTenantScope } from '@academy/subgraph-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROGRESS_REPORTED } from '../src';
import { DeadLetterEntity } from '../src/modules/dead-letters';
import { AnalyticsEventEntity } from '../src/modules/events';
import { type AnalyticsHarness, dataOf, dialects, eventually, RECORD, startAnalytics } from './support';

const PROGRESS = `query($learnerId: ID!) { learnerProgress(learnerId: $learnerId) { courses { courseId } } }`;

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

  it.runIf(enabled)('hides a blocked learner’s progress, then deletes their events and dead letters', async () => {
    const tenantId = randomUUID();
    const admin = harness.as({ tenantId, subject: 'admin', roles: ['tenant_admin'] });
    dataOf(await admin(RECORD, { input: { learnerId: 'carla', courseId: 'c1', percent: 30 } }), 'recordProgress');
    dataOf(await admin(RECORD, { input: { learnerId: 'dario', courseId: 'c1', percent: 40 } }), 'recordProgress');
    // A malformed event about carla: a dead letter holding her learner id.
    await harness.infrastructure.bus.publish(newEvent(PROGRESS_REPORTED, tenantId, { learnerId: 'carla', courseId: 'c1', percent: 'mucho' }));
    await eventually(async () => (await lettersAbout(tenantId, 'carla')).length === 1);

    await step(LEARNER_EVENT.cancellationBlocked, tenantId, 'carla');
    await eventually(async () => dataOf<{ courses: unknown[] }>(await admin(PROGRESS, { learnerId: 'carla' }), 'learnerProgress').courses.length === 0);
    // Blocked, not deleted yet: still stored.
    expect(await em().count(AnalyticsEventEntity, { tenantId, learnerId: 'carla' })).toBe(1);

    await step(LEARNER_EVENT.deleted, tenantId, 'carla');
    await eventually(async () => (await em().count(AnalyticsEventEntity, { tenantId, learnerId: 'carla' })) === 0);
    expect(await lettersAbout(tenantId, 'carla')).toEqual([]);
    // Nobody else's data goes.
    expect(await em().count(AnalyticsEventEntity, { tenantId, learnerId: 'dario' })).toBe(1);
    expect(dataOf<{ courses: unknown[] }>(await admin(PROGRESS, { learnerId: 'dario' }), 'learnerProgress').courses).toHaveLength(1);
  });
});
