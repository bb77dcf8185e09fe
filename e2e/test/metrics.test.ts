import type { EmbeddedSystem } from '@academy/embedded';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, eventually, gql, hsToken, startAuthSystem } from './support/auth-system';
import { scrape, total } from './support/metrics';
import { subscribeSse } from './support/subscription-clients';

let system: EmbeddedSystem;
let admin: Record<string, string>;
const gateway = () => system.gateway.url;
const subgraph = (name: 'tenancy' | 'conocer' | 'analytics') => system.subgraphs[name].url.replace(/\/graphql$/, '');

beforeAll(async () => {
  system = await startAuthSystem();
  admin = bearer(await hsToken({ roles: ['platform_admin'] }));
});

afterAll(() => system?.close());

async function newTenant(limitOverrides: Record<string, number> = {}, role = 'instructor') {
  const slug = `met-${Math.random().toString(36).slice(2, 10)}`;
  const created = await gql<{ createTenant: { id: string } }>(system, 'mutation($i: CreateTenantInput!) { createTenant(input: $i) { id } }', { i: { slug, name: slug, plan: 'PRO' } }, admin);
  const id = created.body.data!.createTenant.id;
  if (Object.keys(limitOverrides).length) {
    const updated = await gql(system, 'mutation($id: ID!, $i: UpdateTenantSettingsInput!) { updateTenantSettings(id: $id, input: $i) { id } }', { id, i: { limitOverrides } }, admin);
    expect(updated.body.errors).toBeUndefined();
  }
  return { slug, headers: { ...bearer(await hsToken({ sub: `${role}-${slug}`, tenant: slug, roles: [role] })), 'x-tenant-id': slug } };
}

describe('/metrics on every service', () => {
  it('counts HTTP requests by route and status on the gateway and on each subgraph', async () => {
    const before = await scrape(gateway());
    const beforeConocer = await scrape(subgraph('conocer'));
    const reply = await gql(system, 'query Catalog { competencyStandards(first: 2) { nodes { code } } }');
    expect(reply.status).toBe(200);
    expect((await fetch(`${gateway()}/nowhere`)).status).toBe(404);
    const after = await scrape(gateway());
    const afterConocer = await scrape(subgraph('conocer'));
    const served = { service: 'gateway', route: '/graphql', method: 'POST', status: '200' };
    expect(total(after, 'academy_http_requests_total', served) - total(before, 'academy_http_requests_total', served)).toBe(1);
    expect(total(after, 'academy_http_requests_total', { route: 'other', status: '404' })).toBeGreaterThan(total(before, 'academy_http_requests_total', { route: 'other', status: '404' }));
    expect(total(after, 'academy_http_request_duration_seconds_count', { route: '/graphql' })).toBeGreaterThan(total(before, 'academy_http_request_duration_seconds_count', { route: '/graphql' }));
    // The gateway's call to conocer, seen from both ends.
    expect(total(after, 'academy_gateway_subgraph_requests_total', { subgraph: 'conocer', outcome: 'ok' }) - total(before, 'academy_gateway_subgraph_requests_total', { subgraph: 'conocer', outcome: 'ok' })).toBe(1);
    expect(total(after, 'academy_gateway_subgraph_request_duration_seconds_count', { subgraph: 'conocer' })).toBeGreaterThan(total(before, 'academy_gateway_subgraph_request_duration_seconds_count', { subgraph: 'conocer' }));
    expect(total(afterConocer, 'academy_http_requests_total', { service: 'conocer', route: '/graphql', status: '200' })).toBeGreaterThan(
      total(beforeConocer, 'academy_http_requests_total', { service: 'conocer', route: '/graphql', status: '200' }),
    );
    expect(total(afterConocer, 'academy_subgraph_operations_total', { operation_type: 'query', outcome: 'ok' })).toBeGreaterThan(total(beforeConocer, 'academy_subgraph_operations_total', { operation_type: 'query', outcome: 'ok' }));
    // Process figures come with every service.
    expect(total(afterConocer, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
  });

  it('counts queries by the executor that ran them: the compiled one, Apollo\u2019s for introspection', async () => {
    const before = await scrape(gateway());
    expect((await gql(system, 'query Catalog { competencyStandards(first: 1) { nodes { code } } }')).status).toBe(200);
    const introspection = await gql<{ __schema: { queryType: { name: string } } }>(system, 'query Schema { __schema { queryType { name } } }');
    expect(introspection.body.data?.__schema.queryType.name).toBe('Query');
    const after = await scrape(gateway());
    const moved = (executor: string) => total(after, 'academy_gateway_executions_total', { executor, kind: 'operation' }) - total(before, 'academy_gateway_executions_total', { executor, kind: 'operation' });
    expect(moved('compiled')).toBe(1);
    expect(moved('apollo')).toBe(1);
  });

  it('counts subscription events by the executor that resolved their fields from other subgraphs: the compiled one', async () => {
    const tenant = await newTenant();
    const learner = { ...bearer(await hsToken({ sub: `learner-${tenant.slug}`, tenant: tenant.slug, roles: ['learner'] })), 'x-tenant-id': tenant.slug };
    const executions = async () => {
      const samples = await scrape(gateway());
      return { compiled: total(samples, 'academy_gateway_executions_total', { executor: 'compiled', kind: 'subscription_event' }), apollo: total(samples, 'academy_gateway_executions_total', { executor: 'apollo', kind: 'subscription_event' }) };
    };
    const before = await executions();
    // `standard` comes from conocer: every event goes through the plan's entity fetch.
    const subscription = subscribeSse(system.gateway.graphqlUrl, 'subscription { progressUpdated(courseId: "executor") { courseId standard { code } } }', {}, tenant.headers);
    try {
      // The upstream subscription opens asynchronously: record until the first event arrives.
      let percent = 1;
      await eventually(async () => {
        const recorded = await gql(system, 'mutation($i: RecordProgressInput!) { recordProgress(input: $i) { id } }', { i: { learnerId: `learner-${tenant.slug}`, courseId: 'executor', percent: percent++, standardCode: 'EC0217.01' } }, learner);
        expect(recorded.body.errors).toBeUndefined();
        await new Promise((resolve) => setTimeout(resolve, 100));
        return subscription.results.length > 0;
      }, 10_000);
      expect(subscription.results[0]?.data).toEqual({ progressUpdated: { courseId: 'executor', standard: { code: 'EC0217.01' } } });
      const after = await executions();
      expect(after.compiled - before.compiled).toBeGreaterThanOrEqual(subscription.results.length);
      expect(after.apollo).toBe(before.apollo);
    } finally {
      await subscription.close();
    }
  });

  it('counts operations by name and outcome, errors by code, and latency per operation', async () => {
    const before = await scrape(gateway());
    await gql(system, 'query Catalog { competencyStandards(first: 1) { nodes { code } } }');
    await gql(system, 'query Broken { competencyStandards(first: 1) { nodes { nope } } }');
    const refused = await gql(system, 'query Private { tenants(first: 1) { nodes { id } } }');
    const code = String(refused.body.errors?.[0]?.extensions?.code);
    expect(['FORBIDDEN', 'UNAUTHENTICATED']).toContain(code);
    const after = await scrape(gateway());
    const moved = (name: string, labels: Record<string, string>) => total(after, name, labels) - total(before, name, labels);
    expect(moved('academy_gateway_operations_total', { operation: 'Catalog', operation_type: 'query', outcome: 'ok' })).toBe(1);
    expect(moved('academy_gateway_operation_duration_seconds_count', { operation: 'Catalog' })).toBe(1);
    expect(moved('academy_gateway_operation_errors_total', { operation: 'Broken', code: 'GRAPHQL_VALIDATION_FAILED' })).toBe(1);
    expect(moved('academy_gateway_operations_total', { operation: 'Private', outcome: 'client_error' })).toBe(1);
    expect(moved('academy_gateway_operations_total', { operation: 'Broken', outcome: 'client_error' })).toBe(1);
    expect(moved('academy_gateway_operation_errors_total', { operation: 'Private', code })).toBeGreaterThanOrEqual(1);
  });

  it('shows the busiest tenants by name in the tenant distribution', async () => {
    const tenant = await newTenant();
    for (let i = 0; i < 3; i++) await gql(system, '{ competencyStandards(first: 1) { nodes { code } } }', {}, tenant.headers);
    const samples = await scrape(gateway());
    expect(total(samples, 'academy_gateway_tenant_requests', { tenant: tenant.slug })).toBe(3);
    expect(samples.filter((s) => s.name === 'academy_gateway_tenant_requests').length).toBeLessThanOrEqual(11);
  });

  it('counts rate-limit and cost rejections and the operations\' costs', async () => {
    const tenant = await newTenant({ requestsPerMinute: 1, maxOperationCost: 50 });
    const before = await scrape(gateway());
    const statuses = [];
    for (let i = 0; i < 2; i++) statuses.push((await gql(system, '{ competencyStandards(first: 2) { nodes { code } } }', {}, tenant.headers)).status);
    expect(statuses).toEqual([200, 429]);
    expect((await gql(system, '{ competencyStandards(first: 100) { nodes { code } } }', {}, tenant.headers)).status).toBe(400);
    const after = await scrape(gateway());
    const moved = (name: string, labels: Record<string, string>) => total(after, name, labels) - total(before, name, labels);
    expect(moved('academy_gateway_limit_rejections_total', { code: 'RATE_LIMITED' })).toBe(1);
    expect(moved('academy_gateway_limit_rejections_total', { code: 'COST_LIMIT_EXCEEDED' })).toBe(1);
    expect(moved('academy_gateway_operations_total', { outcome: 'rejected' })).toBe(2);
    expect(moved('academy_gateway_operation_cost_count', { kind: 'estimated' })).toBe(3);
    expect(moved('academy_gateway_operation_cost_sum', { kind: 'estimated' })).toBe(3 + 3 + 101);
    expect(moved('academy_gateway_operation_cost_count', { kind: 'actual' })).toBe(1);
  });

  it('counts open subscriptions and why they ended', async () => {
    const tenant = await newTenant();
    const subscription = subscribeSse(system.gateway.graphqlUrl, 'subscription { progressUpdated(courseId: "metrics") { courseId } }', {}, tenant.headers);
    await eventually(async () => total(await scrape(gateway()), 'academy_gateway_subscriptions_active') >= 1);
    expect(total(await scrape(gateway()), 'academy_gateway_subscription_upstreams')).toBeGreaterThanOrEqual(1);
    const ended = total(await scrape(gateway()), 'academy_gateway_subscriptions_ended_total', { reason: 'client_disconnect' });
    await subscription.close();
    await eventually(async () => total(await scrape(gateway()), 'academy_gateway_subscriptions_ended_total', { reason: 'client_disconnect' }) === ended + 1);
    expect(total(await scrape(gateway()), 'academy_gateway_subscriptions_active')).toBe(system.gateway.subscriptionStats().active);
  });

  it('counts events published by the gateway and consumed by analytics on the shared bus', async () => {
    const tenant = await newTenant();
    const before = await scrape(gateway());
    await gql(system, '{ competencyStandards(first: 1) { nodes { code } } }', {}, tenant.headers);
    // The usage recorder publishes `api.operation.recorded` in batches; analytics stores them.
    // Both counters must move: a batch published before `before` may still be consumed after it.
    const count = (samples: Awaited<ReturnType<typeof scrape>>, name: string) => total(samples, name, { type: 'api.operation.recorded', outcome: 'ok' });
    const after = await eventually(async () => {
      const samples = await scrape(gateway());
      const published = count(samples, 'academy_event_bus_published_total');
      const consumed = count(samples, 'academy_event_bus_consumed_total');
      return published > count(before, 'academy_event_bus_published_total') && consumed >= published ? samples : undefined;
    }, 15_000);
    expect(count(after, 'academy_event_bus_consumed_total')).toBeGreaterThan(count(before, 'academy_event_bus_consumed_total'));
    expect(total(after, 'academy_event_bus_processing_lag_seconds_count')).toBeGreaterThan(0);
    expect(after.some((s) => s.name === 'academy_event_bus_queue_depth' && s.labels.service === 'embedded')).toBe(true);
  });

  it('asks for the bearer token when METRICS_TOKEN is set', async () => {
    const guarded = await startAuthSystem({ METRICS_TOKEN: 'metrics-token-0123456789' });
    try {
      expect((await fetch(`${guarded.gateway.url}/metrics`)).status).toBe(401);
      expect((await fetch(`${guarded.gateway.url}/metrics`, { headers: { authorization: 'Bearer wrong-token-0123456789' } })).status).toBe(401);
      const samples = await scrape(guarded.gateway.url, { authorization: 'Bearer metrics-token-0123456789' });
      expect(total(samples, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
      expect((await fetch(`${guarded.subgraphs.tenancy.url.replace(/\/graphql$/, '')}/metrics`)).status).toBe(401);
    } finally {
      await guarded.close();
    }
  });
});
