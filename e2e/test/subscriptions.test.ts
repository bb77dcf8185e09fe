import type { EmbeddedSystem } from '@academy/embedded';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, eventually, gql, hsToken, startAuthSystem } from './support/auth-system';
import { subscribeMultipart, subscribeSse, subscribeWs } from './support/subscription-clients';

let system: EmbeddedSystem;
let admin: Record<string, string>;

const PROGRESS = `subscription Progress($courseId: String) {
  progressUpdated(courseId: $courseId) { learnerId courseId percent standard { code title } }
}`;

beforeAll(async () => {
  system = await startAuthSystem();
  admin = bearer(await hsToken({ roles: ['platform_admin'] }));
});

afterAll(() => system?.close());

interface TestTenant {
  slug: string;
  id: string;
  /** An instructor's headers (sees the whole tenant's progress). */
  instructor: Record<string, string>;
}

async function newTenant(limitOverrides: Record<string, number> = {}): Promise<TestTenant> {
  const slug = `sub-${Math.random().toString(36).slice(2, 10)}`;
  const created = await gql<{ createTenant: { id: string } }>(system, 'mutation($i: CreateTenantInput!) { createTenant(input: $i) { id } }', { i: { slug, name: slug, plan: 'PRO' } }, admin);
  const id = created.body.data!.createTenant.id;
  if (Object.keys(limitOverrides).length) {
    const updated = await gql(system, 'mutation($id: ID!, $i: UpdateTenantSettingsInput!) { updateTenantSettings(id: $id, input: $i) { id } }', { id, i: { limitOverrides } }, admin);
    expect(updated.body.errors).toBeUndefined();
  }
  return { slug, id, instructor: { ...bearer(await hsToken({ sub: `instructor-${slug}`, tenant: slug, roles: ['instructor'] })), 'x-tenant-id': slug } };
}

async function recordProgress(tenant: TestTenant, courseId: string, percent: number, standardCode: string | null = 'EC0217.01') {
  const learner = `learner-${tenant.slug}`;
  const headers = { ...bearer(await hsToken({ sub: learner, tenant: tenant.slug, roles: ['learner'] })), 'x-tenant-id': tenant.slug };
  const reply = await gql(system, 'mutation($i: RecordProgressInput!) { recordProgress(input: $i) { id } }', { i: { learnerId: learner, courseId, percent, standardCode } }, headers);
  expect(reply.body.errors).toBeUndefined();
  return learner;
}

/** Records progress until the subscriber has seen one (the upstream subscription opens asynchronously). */
async function recordUntilReceived(tenant: TestTenant, courseId: string, received: () => number) {
  let percent = 1;
  await eventually(async () => {
    await recordProgress(tenant, courseId, percent++);
    await new Promise((resolve) => setTimeout(resolve, 100));
    return received() > 0;
  }, 10_000);
}

const analyticsSockets = () => system.subgraphs.analytics.runtime.service.subscriptions?.connections() ?? -1;

describe('federated subscriptions through the gateway', () => {
  it('streams progress over graphql-ws with the standard resolved in conocer', async () => {
    const tenant = await newTenant();
    const subscription = subscribeWs(system.gateway.graphqlUrl, PROGRESS, { courseId: 'course-ws' }, { Authorization: tenant.instructor.authorization, 'X-Tenant-Id': tenant.slug });
    await recordUntilReceived(tenant, 'course-ws', () => subscription.results.length);
    const first = await subscription.next();
    expect(first.errors).toBeUndefined();
    expect(first.data).toMatchObject({
      progressUpdated: { learnerId: `learner-${tenant.slug}`, courseId: 'course-ws', standard: { code: 'EC0217.01', title: expect.stringMatching(/\S/) } },
    });
    await subscription.close();
    await eventually(async () => system.gateway.subscriptionStats().upstreams === 0);
  });

  it('streams over multipart HTTP with heartbeats, as Apollo Client and Sandbox ask for it', async () => {
    const tenant = await newTenant();
    const subscription = subscribeMultipart(system.gateway.graphqlUrl, PROGRESS, { courseId: 'course-mp' }, tenant.instructor);
    const response = await subscription.response;
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('multipart/mixed');
    await recordUntilReceived(tenant, 'course-mp', () => subscription.results.length);
    const first = await subscription.next();
    expect(first.data).toMatchObject({ progressUpdated: { courseId: 'course-mp', standard: { code: 'EC0217.01' } } });
    await subscription.close();
    await eventually(async () => system.gateway.subscriptionStats().upstreams === 0);
  });

  it('streams over SSE', async () => {
    const tenant = await newTenant();
    const subscription = subscribeSse(system.gateway.graphqlUrl, PROGRESS, { courseId: 'course-sse' }, tenant.instructor);
    expect((await subscription.response).headers.get('content-type')).toContain('text/event-stream');
    await recordUntilReceived(tenant, 'course-sse', () => subscription.results.length);
    expect((await subscription.next()).data).toMatchObject({ progressUpdated: { courseId: 'course-sse', standard: { code: 'EC0217.01' } } });
    await subscription.close();
    await eventually(async () => system.gateway.subscriptionStats().upstreams === 0 && analyticsSockets() === 0);
  });
});
