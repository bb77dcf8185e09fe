import type { EmbeddedSystem } from '@academy/embedded';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, eventually, gql, hsToken, startAuthSystem } from './support/auth-system';
import { subscribeWs } from './support/subscription-clients';

let system: EmbeddedSystem;
let admin: Record<string, string>;

const ENGAGEMENT = `subscription Engagement($courseId: ID!) {
  courseEngagement(courseId: $courseId) { learnerId courseId activity durationSeconds occurredAt }
}`;
const COURSE_ANALYTICS = `query($courseId: ID!, $range: AnalyticsRangeInput!) {
  courseAnalytics(courseId: $courseId, range: $range, granularity: DAY) { courseId periods { start partial events engagementEvents engagementMinutes engagementByActivity { activity events minutes } } }
}`;

beforeAll(async () => {
  system = await startAuthSystem();
  admin = bearer(await hsToken({ roles: ['platform_admin'] }));
});

afterAll(() => system?.close());

async function newTenant() {
  const slug = `agg-${Math.random().toString(36).slice(2, 10)}`;
  const created = await gql<{ createTenant: { id: string } }>(system, 'mutation($i: CreateTenantInput!) { createTenant(input: $i) { id } }', { i: { slug, name: slug, plan: 'PRO' } }, admin);
  expect(created.body.errors).toBeUndefined();
  const headers = async (sub: string, roles: string[]) => ({ ...bearer(await hsToken({ sub, tenant: slug, roles })), 'x-tenant-id': slug });
  return { slug, instructor: await headers(`instructor-${slug}`, ['instructor']), learner: await headers(`learner-${slug}`, ['learner']), learnerId: `learner-${slug}` };
}

type Tenant = Awaited<ReturnType<typeof newTenant>>;

async function recordEngagement(tenant: Tenant, courseId: string, durationSeconds: number) {
  const reply = await gql(system, 'mutation($i: RecordEngagementInput!) { recordEngagement(input: $i) { id } }', { i: { learnerId: tenant.learnerId, courseId, activity: 'VIDEO_WATCHED', durationSeconds } }, tenant.learner);
  expect(reply.body.errors).toBeUndefined();
}

/** Records engagement until the subscriber has seen one (the upstream subscription opens asynchronously). */
async function recordUntilReceived(tenant: Tenant, courseId: string, received: () => number) {
  let seconds = 1;
  await eventually(async () => {
    await recordEngagement(tenant, courseId, seconds++);
    await new Promise((resolve) => setTimeout(resolve, 100));
    return received() > 0;
  }, 10_000);
}

describe('course engagement through the gateway', () => {
  it("streams one course's engagement over graphql-ws, never another course's or tenant's", async () => {
    const [mine, theirs] = [await newTenant(), await newTenant()];
    const subscription = subscribeWs(system.gateway.graphqlUrl, ENGAGEMENT, { courseId: 'course-live' }, { Authorization: mine.instructor.authorization, 'X-Tenant-Id': mine.slug });
    await recordUntilReceived(mine, 'course-live', () => subscription.results.length);
    const first = await subscription.next();
    expect(first.errors).toBeUndefined();
    expect(first.data).toMatchObject({ courseEngagement: { learnerId: mine.learnerId, courseId: 'course-live', activity: 'VIDEO_WATCHED' } });

    const seen = subscription.results.length;
    await recordEngagement(theirs, 'course-live', 500);
    await recordEngagement(mine, 'other-course', 600);
    await recordEngagement(mine, 'course-live', 700);
    await eventually(async () => subscription.results.some((r) => (r.data?.courseEngagement as { durationSeconds: number }).durationSeconds === 700));
    const durations = subscription.results.slice(seen).map((r) => (r.data?.courseEngagement as { durationSeconds: number }).durationSeconds);
    expect(durations).toEqual([700]);
    await subscription.close();
  });

  it('refuses the subscription without a tenant', async () => {
    const token = await hsToken({ sub: 'nobody', roles: ['instructor'] });
    const subscription = subscribeWs(system.gateway.graphqlUrl, ENGAGEMENT, { courseId: 'x' }, { Authorization: `Bearer ${token}` });
    const refused = await subscription.next();
    expect(refused.data ?? null).toBeNull();
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'TENANT_REQUIRED', serviceName: 'analytics' });
    await subscription.ended;
    await subscription.close();
  });
});

describe('course analytics through the gateway', () => {
  it("answers today's partial period from the events stored so far; learners are refused", async () => {
    const tenant = await newTenant();
    await recordEngagement(tenant, 'course-q', 90);
    await recordEngagement(tenant, 'course-q', 30);
    const range = { from: new Date(Date.now() - 3 * 86_400_000).toISOString(), to: new Date(Date.now() + 60_000).toISOString() };
    const reply = await gql<{ courseAnalytics: { periods: { partial: boolean; events: number; engagementMinutes: number; engagementByActivity: unknown[] }[] } }>(
      system,
      COURSE_ANALYTICS,
      { courseId: 'course-q', range },
      tenant.instructor,
    );
    expect(reply.body.errors).toBeUndefined();
    const today = reply.body.data!.courseAnalytics.periods.at(-1)!;
    expect(today).toMatchObject({ partial: true, events: 2, engagementMinutes: 2, engagementByActivity: [{ activity: 'VIDEO_WATCHED', events: 2, minutes: 2 }] });
    const refused = await gql(system, COURSE_ANALYTICS, { courseId: 'course-q', range }, tenant.learner);
    expect(refused.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', serviceName: 'analytics' });
    const reversed = await gql(system, COURSE_ANALYTICS, { courseId: 'course-q', range: { from: range.to, to: range.from } }, tenant.instructor);
    // The gateway passes a subgraph's 400 answer on with its code and details, never its stack trace.
    expect(reversed.body.errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_ANALYTICS_RANGE', reason: 'REVERSED', serviceName: 'analytics', subgraphHttpStatus: 400 });
    expect(reversed.body.errors?.[0]?.extensions).not.toHaveProperty('stacktrace');
  });
});
