import { randomUUID } from 'node:crypto';
import { type DomainEvent, newEvent } from '@academy/event-bus';
import type { Principal } from '@academy/service-kit';
import { signContextToken, type SubgraphSubscriber, subscribeToSubgraph } from '@academy/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
// First: it loads the service (and reflect-metadata, which the type modules below need).
import { type AnalyticsHarness, eventually, startAnalytics } from './support';
import { CERTIFICATION_UPDATED, ENGAGEMENT_RECORDED, PROGRESS_RECORDED, type ProgressRecordedPayload } from '../src/modules/live';

const PROGRESS = `subscription($courseId: String, $learnerId: String) {
  progressUpdated(courseId: $courseId, learnerId: $learnerId) { id learnerId courseId percent occurredAt receivedAt standard { code } learner { id } lineage { source } }
}`;
const ENGAGEMENT = 'subscription($courseId: ID!) { courseEngagement(courseId: $courseId) { id learnerId courseId activity durationSeconds learner { id } lineage { source } } }';
const CERTIFICATIONS = 'subscription { certificationUpdated { certificationId learnerId status folio reason standard { code } learner { id } } }';

const at = '2026-03-01T10:00:00.000Z';

function progress(tenantId: string, learnerId: string, percent: number, courseId = 'c1'): DomainEvent<ProgressRecordedPayload> {
  return newEvent(PROGRESS_RECORDED, tenantId, { id: randomUUID(), learnerId, courseId, standardCode: 'EC0217', percent, occurredAt: at, receivedAt: at });
}

/** What a subscriber of PROGRESS receives for `event`. */
function delivered({ payload }: DomainEvent<ProgressRecordedPayload>) {
  const { id, learnerId, courseId, percent } = payload;
  return { data: { progressUpdated: { id, learnerId, courseId, percent, occurredAt: at, receivedAt: at, standard: { code: 'EC0217' }, learner: { id: learnerId }, lineage: null } } };
}

describe('live subscriptions with shared execution', () => {
  let harness: AnalyticsHarness;
  const open: SubgraphSubscriber[] = [];
  beforeAll(async () => {
    harness = await startAnalytics('sqlite');
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((subscriber) => subscriber.close()));
    await eventually(() => harness.runtime.live.subscribers() === 0);
  });
  afterAll(async () => harness?.close());

  const executions = () => harness.runtime.service.subscriptions!.executions();
  const publish = (event: DomainEvent) => harness.infrastructure.bus.publish(event);

  /** One subscriber per principal, all listening on the feed when this resolves. */
  async function subscribe(principals: Partial<Principal>[], query = PROGRESS, variables: Record<string, unknown> = {}): Promise<SubgraphSubscriber[]> {
    const subscribers = await Promise.all(
      principals.map(async (principal) => subscribeToSubgraph(harness.url, await signContextToken(harness.keys, 'analytics', principal), query, variables)),
    );
    open.push(...subscribers);
    await eventually(() => harness.runtime.live.subscribers() === open.length);
    return subscribers;
  }

  const instructors = (tenantId: string, count: number, extra: Partial<Principal> = {}) =>
    Array.from({ length: count }, (_, index) => ({ tenantId, subject: `instructor-${index}-${randomUUID()}`, roles: ['instructor'], ...extra }));

  it('delivers every event exactly once to each of many instructors of a tenant, executing it once for all of them', async () => {
    const tenantId = randomUUID();
    const subscribers = await subscribe(instructors(tenantId, 25));
    const before = executions();
    const events = [10, 20, 30, 40].map((percent) => progress(tenantId, 'ana', percent));
    for (const event of events) await publish(event);
    // A last event: once it has arrived, a duplicate of an earlier one would have too.
    const last = progress(tenantId, 'beto', 50);
    await publish(last);
    for (const subscriber of subscribers) expect(await subscriber.received(5)).toEqual([...events, last].map(delivered));
    // One execution per event, not one per event and subscriber (125).
    expect(executions() - before).toBe(5);
  });

  it('streams a learner only their own events, whoever shares their execution', async () => {
    const tenantId = randomUUID();
    const [ana1, ana2, beto, teacher] = await subscribe([
      { tenantId, subject: 'ana', roles: ['learner'] },
      { tenantId, subject: 'ana', roles: ['learner'] },
      { tenantId, subject: 'beto', roles: ['learner'] },
      { tenantId, subject: 'teacher', roles: ['instructor'] },
    ]);
    const before = executions();
    const [forAna, forBeto, forCarla] = [progress(tenantId, 'ana', 10), progress(tenantId, 'beto', 20), progress(tenantId, 'carla', 30)];
    for (const event of [forAna, forBeto, forCarla]) await publish(event);
    expect(await teacher.received(3)).toEqual([forAna, forBeto, forCarla].map(delivered));
    const anaMarker = progress(tenantId, 'ana', 40);
    const betoMarker = progress(tenantId, 'beto', 50);
    await publish(anaMarker);
    await publish(betoMarker);
    for (const subscriber of [ana1, ana2]) expect(await subscriber.received(2)).toEqual([forAna, anaMarker].map(delivered));
    expect(await beto.received(2)).toEqual([forBeto, betoMarker].map(delivered));
    await teacher.received(5);
    expect([ana1, ana2, beto].map((subscriber) => subscriber.results.length)).toEqual([2, 2, 2]);
    // Per event: the instructor's execution, and the learners' (ana's two sessions share one); carla's has no learner subscribed.
    expect(executions() - before).toBe(2 + 2 + 1 + 2 + 2);
  });

  it("never shows a tenant another tenant's events, nor shares an execution across tenants", async () => {
    const [tenantA, tenantB] = [randomUUID(), randomUUID()];
    const [a, b] = await Promise.all([subscribe(instructors(tenantA, 4)), subscribe(instructors(tenantB, 4))]);
    const before = executions();
    const [forA, forB, secondForA] = [progress(tenantA, 'ana', 10), progress(tenantB, 'ana', 20), progress(tenantA, 'ana', 30)];
    for (const event of [forA, forB, secondForA]) await publish(event);
    for (const subscriber of a) expect(await subscriber.received(2)).toEqual([forA, secondForA].map(delivered));
    const lastForB = progress(tenantB, 'ana', 40);
    await publish(lastForB);
    for (const subscriber of b) expect(await subscriber.received(2)).toEqual([forB, lastForB].map(delivered));
    expect(executions() - before).toBe(4);
  });

  it('executes separately for subscribers whose roles, scopes, method, plan or flags differ', async () => {
    const tenantId = randomUUID();
    const groups: Partial<Principal>[][] = [
      instructors(tenantId, 3),
      instructors(tenantId, 2, { plan: 'PRO' }),
      instructors(tenantId, 2, { flags: ['beta'] }),
      instructors(tenantId, 2, { roles: ['tenant_admin'] }),
      instructors(tenantId, 2, { roles: ['partner'], authMethod: 'api_key', scopes: ['progress:read'] }),
      instructors(tenantId, 2, { roles: ['partner'], authMethod: 'api_key', scopes: ['progress:read', 'standards:read'] }),
    ];
    const subscribers = await subscribe(groups.flat());
    const before = executions();
    const event = progress(tenantId, 'ana', 70);
    await publish(event);
    for (const subscriber of subscribers) expect(await subscriber.received(1)).toEqual([delivered(event)]);
    expect(executions() - before).toBe(groups.length);
  });

  it('shares per variables too: subscribers filtering by another course execute apart', async () => {
    const tenantId = randomUUID();
    const all = await subscribe(instructors(tenantId, 3));
    const c1 = await subscribe(instructors(tenantId, 3), PROGRESS, { courseId: 'c1' });
    const c2 = await subscribe(instructors(tenantId, 3), PROGRESS, { courseId: 'c2' });
    const before = executions();
    const [inC1, inC2] = [progress(tenantId, 'ana', 10, 'c1'), progress(tenantId, 'ana', 20, 'c2')];
    await publish(inC1);
    await publish(inC2);
    for (const subscriber of all) expect(await subscriber.received(2)).toEqual([inC1, inC2].map(delivered));
    for (const subscriber of c1) expect(await subscriber.received(1)).toEqual([delivered(inC1)]);
    for (const subscriber of c2) expect(await subscriber.received(1)).toEqual([delivered(inC2)]);
    // inC1: the unfiltered group and c1's; inC2: the unfiltered group and c2's.
    expect(executions() - before).toBe(4);
    expect([...c1, ...c2].map((subscriber) => subscriber.results.length)).toEqual([1, 1, 1, 1, 1, 1]);
  });

  it('streams engagement and certification updates once per event to every instructor', async () => {
    const tenantId = randomUUID();
    const engagement = await subscribe(instructors(tenantId, 3), ENGAGEMENT, { courseId: 'c1' });
    const certifications = await subscribe(instructors(tenantId, 3), CERTIFICATIONS);
    const before = executions();
    const activity = { id: randomUUID(), learnerId: 'ana', courseId: 'c1', activity: 'LESSON_VIEWED', durationSeconds: 30, occurredAt: at, receivedAt: at };
    await publish(newEvent(ENGAGEMENT_RECORDED, tenantId, activity));
    const update = { certificationId: randomUUID(), learnerId: 'ana', standardCode: 'EC0217', status: 'ISSUED', folio: 'F-1', occurredAt: at };
    await publish(newEvent(CERTIFICATION_UPDATED, tenantId, update));
    for (const subscriber of engagement) {
      expect(await subscriber.received(1)).toEqual([
        { data: { courseEngagement: { id: activity.id, learnerId: 'ana', courseId: 'c1', activity: 'LESSON_VIEWED', durationSeconds: 30, learner: { id: 'ana' }, lineage: null } } },
      ]);
    }
    for (const subscriber of certifications) {
      expect(await subscriber.received(1)).toEqual([
        { data: { certificationUpdated: { certificationId: update.certificationId, learnerId: 'ana', status: 'ISSUED', folio: 'F-1', reason: null, standard: { code: 'EC0217' }, learner: { id: 'ana' } } } },
      ]);
    }
    expect(executions() - before).toBe(2);
  });

  it('leaves no listener behind when subscribers disconnect mid-stream', async () => {
    const tenantId = randomUUID();
    const subscribers = await subscribe(instructors(tenantId, 10));
    const first = progress(tenantId, 'ana', 10);
    await publish(first);
    for (const subscriber of subscribers) await subscriber.received(1);
    const [leaving, staying] = [subscribers.slice(0, 5), subscribers.slice(5)];
    await Promise.all(leaving.map((subscriber) => subscriber.close()));
    await eventually(() => harness.runtime.live.subscribers() === 5);
    const second = progress(tenantId, 'ana', 20);
    await publish(second);
    for (const subscriber of staying) expect(await subscriber.received(2)).toEqual([first, second].map(delivered));
    expect(leaving.map((subscriber) => subscriber.results.length)).toEqual([1, 1, 1, 1, 1]);
    await Promise.all(staying.map((subscriber) => subscriber.close()));
    await eventually(() => harness.runtime.live.subscribers() === 0 && harness.runtime.service.subscriptions!.connections() === 0);
  });
});
