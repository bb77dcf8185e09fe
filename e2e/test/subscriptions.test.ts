import type { EmbeddedSystem } from '@academy/embedded';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignJWT } from 'jose';
import { bearer, createApiKey, eventually, gql, hsToken, publish, startAuthSystem, TEST_HS256_SECRET } from './support/auth-system';
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

  it('streams over multipart HTTP, as Apollo Client and Sandbox ask for it', async () => {
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

describe('who receives what', () => {
  it("never delivers another tenant's events", async () => {
    const [mine, theirs] = [await newTenant(), await newTenant()];
    const subscription = subscribeWs(system.gateway.graphqlUrl, PROGRESS, {}, { Authorization: mine.instructor.authorization, 'X-Tenant-Id': mine.slug });
    await recordUntilReceived(mine, 'warm-up', () => subscription.results.length);
    const seen = subscription.results.length;
    await recordProgress(theirs, 'their-course', 50);
    await recordProgress(mine, 'my-course', 60);
    await eventually(async () => subscription.results.some((r) => (r.data?.progressUpdated as { courseId: string }).courseId === 'my-course'));
    const courses = subscription.results.slice(seen).map((r) => (r.data?.progressUpdated as { courseId: string }).courseId);
    expect(courses).not.toContain('their-course');
    await subscription.close();
  });

  it('refuses a partner key without the scope and serves one with it', async () => {
    const tenant = await newTenant();
    const without = await createApiKey(system, tenant.slug, ['analytics:read']);
    const refused = subscribeWs(system.gateway.graphqlUrl, PROGRESS, {}, { 'X-Api-Key': without.key });
    const first = await refused.next();
    expect(first.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', requiredScope: 'progress:read', serviceName: 'analytics' });
    expect(first.errors?.[0]?.extensions).not.toHaveProperty('http');
    await refused.ended;
    await refused.close();

    const withScope = await createApiKey(system, tenant.slug, ['progress:read']);
    const served = subscribeWs(system.gateway.graphqlUrl, PROGRESS, {}, { 'X-Api-Key': withScope.key });
    await recordUntilReceived(tenant, 'partner-course', () => served.results.length);
    // Each event's entity fetches carry the partner's scopes too: conocer wants `standards:read`.
    const partial = await served.next();
    expect(partial.data).toMatchObject({ progressUpdated: { courseId: 'partner-course', standard: null } });
    expect(partial.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', serviceName: 'conocer' });
    await served.close();

    const both = await createApiKey(system, tenant.slug, ['progress:read', 'standards:read']);
    const full = subscribeWs(system.gateway.graphqlUrl, PROGRESS, {}, { 'X-Api-Key': both.key });
    await recordUntilReceived(tenant, 'partner-course-2', () => full.results.length);
    const delivered = await full.next();
    expect(delivered.errors).toBeUndefined();
    expect(delivered.data).toMatchObject({ progressUpdated: { standard: { code: 'EC0217.01' } } });
    await full.close();
  });

  it("limits a tenant's concurrent subscriptions, across transports, and frees the slot on disconnect", async () => {
    const tenant = await newTenant({ maxSubscriptions: 1 });
    const first = subscribeSse(system.gateway.graphqlUrl, PROGRESS, {}, tenant.instructor);
    expect((await first.response).status).toBe(200);
    const second = subscribeMultipart(system.gateway.graphqlUrl, PROGRESS, {}, tenant.instructor);
    const refused = await second.response;
    expect(refused.status).toBe(429);
    expect(((await refused.json()) as { errors: { extensions: unknown }[] }).errors[0].extensions).toMatchObject({ code: 'SUBSCRIPTION_LIMIT_REACHED', limit: 1 });
    const overWs = subscribeWs(system.gateway.graphqlUrl, PROGRESS, {}, { Authorization: tenant.instructor.authorization, 'X-Tenant-Id': tenant.slug });
    expect(await overWs.ended).toMatchObject({ error: [expect.objectContaining({ extensions: expect.objectContaining({ code: 'SUBSCRIPTION_LIMIT_REACHED' }) })] });
    await overWs.close();
    await first.close();
    const third = await eventually(async () => {
      const attempt = subscribeSse(system.gateway.graphqlUrl, PROGRESS, {}, tenant.instructor);
      if ((await attempt.response).status === 200) return attempt;
      await attempt.close();
      return undefined;
    });
    await third.close();
  });
});

describe('bad requests', () => {
  it('answers a subscription POSTed without a streaming Accept header with 406', async () => {
    const tenant = await newTenant();
    const reply = await gql(system, PROGRESS, {}, tenant.instructor);
    expect(reply.status).toBe(406);
    expect(reply.body.errors?.[0]?.extensions?.code).toBe('SUBSCRIPTION_NOT_ACCEPTABLE');
  });

  it('refuses an invalid subscription before streaming', async () => {
    const tenant = await newTenant();
    const reply = await subscribeMultipart(system.gateway.graphqlUrl, 'subscription { progressUpdated { nope } }', {}, tenant.instructor).response;
    expect(reply.status).toBe(400);
    expect(((await reply.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const overWs = subscribeWs(system.gateway.graphqlUrl, 'subscription { progressUpdated { nope } }', {}, { Authorization: tenant.instructor.authorization, 'X-Tenant-Id': tenant.slug });
    expect(await overWs.ended).toMatchObject({ error: [expect.objectContaining({ extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } })] });
    await overWs.close();
  });

  it('closes a graphql-ws connection with bad credentials with 4401 and the code', async () => {
    const connection = subscribeWs(system.gateway.graphqlUrl, PROGRESS, {}, { Authorization: 'Bearer not.a.jwt', 'X-Tenant-Id': 'acme' });
    const closed = await connection.closed;
    expect(closed.code).toBe(4401);
    expect(closed.reason).toMatch(/^UNAUTHENTICATED: /);
    await connection.close();
  });

  it('serves queries over graphql-ws too, through the same limits', async () => {
    const tenant = await newTenant();
    const query = subscribeWs(system.gateway.graphqlUrl, '{ competencyStandard(code: "EC0217.01") { title } }', {}, { Authorization: tenant.instructor.authorization, 'X-Tenant-Id': tenant.slug });
    const result = await query.next();
    expect(result.data).toMatchObject({ competencyStandard: { title: expect.stringMatching(/\S/) } });
    expect(result.extensions?.cost).toBeDefined();
    await query.close();
  });
});

describe('lifecycle', () => {
  it('ends a subscription with UNAUTHENTICATED when its token expires', async () => {
    const tenant = await newTenant();
    const exp = Math.floor(Date.now() / 1000) + 2;
    const token = await new SignJWT({ tenant: tenant.slug, roles: ['instructor'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('short-lived')
      .setExpirationTime(exp)
      .sign(new TextEncoder().encode(TEST_HS256_SECRET));
    const subscription = subscribeSse(system.gateway.graphqlUrl, PROGRESS, {}, { ...bearer(token), 'x-tenant-id': tenant.slug });
    const last = await subscription.next(10_000);
    expect(last.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'token_expired' });
    expect(await subscription.ended).toEqual({ completed: true });
  });

  it('ends open subscriptions with SUBSCRIPTION_SCHEMA_RELOAD when the supergraph changes', async () => {
    const tenant = await newTenant();
    const subscription = subscribeMultipart(system.gateway.graphqlUrl, PROGRESS, {}, tenant.instructor);
    await recordUntilReceived(tenant, 'before-reload', () => subscription.results.length);
    const sdl = await (await import('@academy/embedded')).composeSupergraph();
    await system.gateway.reload(`${sdl.supergraphSdl}\n# reloaded ${Date.now()}\n`);
    const last = await eventually(async () => subscription.results.find((r) => r.errors));
    expect(last.errors?.[0]).toMatchObject({ message: 'subscription has been closed due to a schema reload', extensions: { code: 'SUBSCRIPTION_SCHEMA_RELOAD' } });
    await subscription.ended;
    await eventually(async () => system.gateway.subscriptionStats().upstreams === 0);
  });
});

describe('failures and shutdown', () => {
  it('ends the subscription with an error naming the subgraph when the subgraph goes away, and completes on gateway shutdown', async () => {
    const own = await startAuthSystem();
    try {
      // Two instructors: identical subscriptions of one principal would share one upstream socket.
      const acme = { ...bearer(await hsToken({ sub: 'instructor-1', tenant: 'acme', roles: ['instructor'] })), 'x-tenant-id': 'acme' };
      const other = { ...bearer(await hsToken({ sub: 'instructor-2', tenant: 'acme', roles: ['instructor'] })), 'x-tenant-id': 'acme' };

      const before = own.subgraphs.analytics.runtime.service.subscriptions?.connections();
      const survivor = subscribeSse(own.gateway.graphqlUrl, PROGRESS, {}, acme);
      const victim = subscribeWs(own.gateway.graphqlUrl, PROGRESS, {}, { Authorization: other.authorization, 'X-Tenant-Id': 'acme' });
      await eventually(async () => own.gateway.subscriptionStats().active === 2 && own.subgraphs.analytics.runtime.service.subscriptions?.connections() === (before ?? 0) + 2);

      // The client disconnects: its upstream socket to analytics closes too (nothing leaks).
      await victim.close();
      await eventually(async () => own.gateway.subscriptionStats().upstreams === 1 && own.subgraphs.analytics.runtime.service.subscriptions?.connections() === (before ?? 0) + 1);

      // Analytics stops serving subscriptions (as a crashed replica would): the client learns which subgraph failed.
      await own.subgraphs.analytics.runtime.service.subscriptions?.close();
      const last = await survivor.next();
      expect(last.errors?.[0]?.extensions).toMatchObject({ code: 'DOWNSTREAM_SERVICE_ERROR', serviceName: 'analytics' });
      expect(await survivor.ended).toEqual({ completed: true });
      expect(own.gateway.subscriptionStats()).toMatchObject({ active: 0, upstreams: 0 });

      // Shutdown completes what is open (here a subscription over multipart, whose upstream is refused by now).
      const open = subscribeMultipart(own.gateway.graphqlUrl, PROGRESS, {}, acme);
      await open.response;
      await own.gateway.close();
      await open.ended;
      expect(own.gateway.subscriptionStats()).toMatchObject({ active: 0, upstreams: 0, sockets: 0 });
    } finally {
      await own.close();
    }
  });
});

describe('shared upstreams', () => {
  it('serves identical subscriptions of one principal from one upstream socket, each client getting every event', async () => {
    const tenant = await newTenant();
    const before = analyticsSockets();
    const tabs = [0, 1, 2].map(() => subscribeSse(system.gateway.graphqlUrl, PROGRESS, { courseId: 'shared' }, tenant.instructor));
    await Promise.all(tabs.map((tab) => tab.response));
    await recordUntilReceived(tenant, 'shared', () => Math.min(...tabs.map((tab) => tab.results.length)));
    expect(analyticsSockets() - before).toBe(1);
    await recordProgress(tenant, 'shared', 99);
    await eventually(async () => tabs.every((tab) => tab.results.some((r) => (r.data?.progressUpdated as { percent: number }).percent === 99)));
    await tabs[0].close();
    await recordProgress(tenant, 'shared', 77);
    await eventually(async () => tabs.slice(1).every((tab) => tab.results.some((r) => (r.data?.progressUpdated as { percent: number }).percent === 77)));
    await Promise.all(tabs.slice(1).map((tab) => tab.close()));
    await eventually(async () => analyticsSockets() === before);
  });
});

describe('upstreams shared by the subgraph\'s share key', () => {
  const OWN_FIELDS = `subscription Progress($courseId: String) { progressUpdated(courseId: $courseId) { learnerId courseId percent } }`;
  const percents = (sub: { results: { data?: Record<string, unknown> | null }[] }) => sub.results.map((r) => (r.data?.progressUpdated as { percent: number }).percent);
  const person = async (tenant: TestTenant, sub: string, role: string) => ({ ...bearer(await hsToken({ sub, tenant: tenant.slug, roles: [role] })), 'x-tenant-id': tenant.slug });

  it('serves distinct instructors of a tenant from one upstream when analytics answers every field', async () => {
    const tenant = await newTenant();
    const before = analyticsSockets();
    const instructors = await Promise.all(['ana', 'luis', 'eva'].map((name) => person(tenant, `instructor-${name}`, 'instructor')));
    const subs = instructors.map((headers) => subscribeSse(system.gateway.graphqlUrl, OWN_FIELDS, { courseId: 'keyed' }, headers));
    await Promise.all(subs.map((sub) => sub.response));
    await recordUntilReceived(tenant, 'keyed', () => Math.min(...subs.map((sub) => sub.results.length)));
    expect(analyticsSockets() - before).toBe(1);
    await recordProgress(tenant, 'keyed', 98);
    await eventually(async () => subs.every((sub) => percents(sub).includes(98)));
    // Each client still ends on its own; the upstream goes with the last one.
    await subs[0].close();
    await recordProgress(tenant, 'keyed', 97);
    await eventually(async () => subs.slice(1).every((sub) => percents(sub).includes(97)));
    await Promise.all(subs.slice(1).map((sub) => sub.close()));
    await eventually(async () => analyticsSockets() === before);
  });

  it('gives each learner their own upstream and only their own events', async () => {
    const tenant = await newTenant();
    const before = analyticsSockets();
    const [ana, luis] = await Promise.all(['ana', 'luis'].map((name) => person(tenant, `learner-${name}`, 'learner')));
    const subs = [ana, luis].map((headers) => subscribeSse(system.gateway.graphqlUrl, OWN_FIELDS, { courseId: 'own' }, headers));
    await Promise.all(subs.map((sub) => sub.response));
    const record = async (headers: Record<string, string>, learnerId: string, percent: number) => {
      const reply = await gql(system, 'mutation($i: RecordProgressInput!) { recordProgress(input: $i) { id } }', { i: { learnerId, courseId: 'own', percent } }, headers);
      expect(reply.body.errors).toBeUndefined();
    };
    let percent = 1;
    await eventually(async () => {
      await record(ana!, 'learner-ana', percent);
      await record(luis!, 'learner-luis', 50 + percent++);
      await new Promise((resolve) => setTimeout(resolve, 100));
      return subs.every((sub) => sub.results.length > 0);
    }, 10_000);
    expect(analyticsSockets() - before).toBe(2);
    expect(subs[0]!.results.every((r) => (r.data?.progressUpdated as { learnerId: string }).learnerId === 'learner-ana')).toBe(true);
    expect(subs[1]!.results.every((r) => (r.data?.progressUpdated as { learnerId: string }).learnerId === 'learner-luis')).toBe(true);
    await Promise.all(subs.map((sub) => sub.close()));
    await eventually(async () => analyticsSockets() === before);
  });

  it('keeps one upstream per principal when an event needs another subgraph', async () => {
    const tenant = await newTenant();
    const before = analyticsSockets();
    const instructors = await Promise.all(['ana', 'luis'].map((name) => person(tenant, `instructor-${name}`, 'instructor')));
    // PROGRESS resolves `standard` in conocer per event, with each subscriber's own identity.
    const subs = instructors.map((headers) => subscribeSse(system.gateway.graphqlUrl, PROGRESS, { courseId: 'federated' }, headers));
    await Promise.all(subs.map((sub) => sub.response));
    await recordUntilReceived(tenant, 'federated', () => Math.min(...subs.map((sub) => sub.results.length)));
    expect(analyticsSockets() - before).toBe(2);
    await Promise.all(subs.map((sub) => sub.close()));
    await eventually(async () => analyticsSockets() === before);
  });
});

describe('certification updates', () => {
  const CERTIFICATIONS = `subscription Certifications($status: CertificationStatus) {
    certificationUpdated(status: $status) { certificationId status folio learnerId standard { code title } }
  }`;

  it("relays conocer's certification events to the tenant's partners with the standard resolved, filtered by status", async () => {
    const tenant = await newTenant();
    const other = await newTenant();
    const key = await createApiKey(system, tenant.slug, ['certifications:read', 'standards:read']);
    const issued = subscribeSse(system.gateway.graphqlUrl, CERTIFICATIONS, { status: 'ISSUED' }, { 'x-api-key': key.key });
    expect((await issued.response).status).toBe(200);
    const update = (id: string, status: string, folio: string | null = null) => ({
      certificationId: id,
      learnerId: 'learner-1',
      standardCode: 'EC0217.01',
      status,
      folio,
      reason: null,
      occurredAt: new Date().toISOString(),
    });
    // The upstream subscription opens asynchronously: publish until the first ISSUED update arrives.
    await eventually(async () => {
      await publish(system, 'certification.updated', tenant.id, update('warm-up', 'ISSUED', 'F-0'));
      await new Promise((resolve) => setTimeout(resolve, 100));
      return issued.results.length > 0;
    });
    const seen = issued.results.length;
    await publish(system, 'certification.updated', tenant.id, update('cert-1', 'SUBMITTED'));
    await publish(system, 'certification.updated', other.id, update('cert-other', 'ISSUED', 'F-OTHER'));
    await publish(system, 'certification.updated', tenant.id, { certificationId: 'broken', status: 'NOT_A_STATUS' });
    await publish(system, 'certification.updated', tenant.id, update('cert-1', 'ISSUED', 'F-1'));
    await eventually(async () => issued.results.some((r) => (r.data?.certificationUpdated as { certificationId: string }).certificationId === 'cert-1'));
    const delivered = issued.results.slice(seen).map((r) => r.data?.certificationUpdated);
    expect(delivered).toEqual([{ certificationId: 'cert-1', status: 'ISSUED', folio: 'F-1', learnerId: 'learner-1', standard: { code: 'EC0217.01', title: expect.stringMatching(/\S/) } }]);
    await issued.close();

    const noScope = await createApiKey(system, tenant.slug, ['progress:read']);
    const refused = subscribeWs(system.gateway.graphqlUrl, CERTIFICATIONS, {}, { 'X-Api-Key': noScope.key });
    expect((await refused.next()).errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', requiredScope: 'certifications:read' });
    await refused.close();
  });
});
