import type { EmbeddedSystem } from '@academy/embedded';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, eventually, gql, hsToken, startAuthSystem } from './support/auth-system';

let system: EmbeddedSystem;
let admin: Record<string, string>;

beforeAll(async () => {
  system = await startAuthSystem();
  admin = bearer(await hsToken({ roles: ['platform_admin'] }));
});

afterAll(() => system?.close());

/** A fresh tenant whose effective limits are the free plan's with these overrides. */
async function tenantWith(limitOverrides: Record<string, number>, role = 'learner'): Promise<Record<string, string>> {
  const slug = `dc-${Math.random().toString(36).slice(2, 10)}`;
  const created = await gql<{ createTenant: { id: string } }>(system, 'mutation($i: CreateTenantInput!) { createTenant(input: $i) { id } }', { i: { slug, name: slug, plan: 'FREE' } }, admin);
  const id = created.body.data!.createTenant.id;
  const updated = await gql(system, 'mutation($id: ID!, $i: UpdateTenantSettingsInput!) { updateTenantSettings(id: $id, input: $i) { id } }', { id, i: { limitOverrides } }, admin);
  expect(updated.body.errors).toBeUndefined();
  return { ...bearer(await hsToken({ tenant: slug, roles: [role] })), 'x-tenant-id': slug };
}

// competencyStandards is sized by `first` (@listSize on the connection's nodes): wrapper 1 + first × 1.
const standards = (first: number) => `{ competencyStandards(first: ${first}) { nodes { code } } }`;

describe('per-tenant demand control through the gateway', () => {
  it('reports the requested and actual cost and the bucket in extensions.cost', async () => {
    const headers = await tenantWith({ bucketCapacity: 500, restoreRatePerSecond: 10 });
    const reply = await gql(system, standards(5), {}, headers);
    expect(reply.status).toBe(200);
    expect(reply.body.extensions?.cost).toMatchObject({
      requestedQueryCost: 6,
      actualQueryCost: 6,
      throttleStatus: { maximumAvailable: 500, restoreRate: 10 },
    });
  });

  it('refuses an operation over the per-operation maximum before executing it', async () => {
    const headers = await tenantWith({ maxOperationCost: 50 });
    const reply = await gql(system, standards(100), {}, headers);
    expect(reply.status).toBe(400);
    expect(reply.body.data ?? null).toBeNull();
    expect(reply.body.errors?.[0]?.extensions).toMatchObject({ code: 'COST_LIMIT_EXCEEDED', 'cost.estimated': 101, 'cost.max': 50 });
  });

  it('throttles with 429 and Retry-After once the cost bucket is empty', async () => {
    const headers = await tenantWith({ bucketCapacity: 100, restoreRatePerSecond: 1 });
    const first = await gql(system, standards(40), {}, headers);
    const second = await gql(system, standards(40), {}, headers);
    expect([first.status, second.status]).toEqual([200, 200]);
    const third = await gql(system, standards(40), {}, headers);
    expect(third.status).toBe(429);
    expect(third.body.errors?.[0]?.extensions?.code).toBe('THROTTLED');
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  });

  it('limits the request rate with 429 and Retry-After', async () => {
    const headers = await tenantWith({ requestsPerMinute: 2 });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await gql(system, standards(1), {}, headers)).status);
    expect(statuses).toEqual([200, 200, 429]);
    const refused = await gql(system, standards(1), {}, headers);
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  });

  it('enforces structural limits before planning', async () => {
    const headers = await tenantWith({ maxDepth: 2 });
    const reply = await gql(system, standards(1), {}, headers);
    expect(reply.status).toBe(400);
    expect(reply.body.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_DEEP');
  });

  it('meters every operation, admitted or rejected, into the tenant\'s usage log', async () => {
    // apiUsage itself is priced at 31 days × 5 = 155.
    const headers = await tenantWith({ maxOperationCost: 200 }, 'tenant_admin');
    await gql(system, 'query Catalog { competencyStandards(first: 3) { nodes { code } } }', {}, headers);
    await gql(system, 'query TooBig { competencyStandards(first: 300) { nodes { code } } }', {}, headers);
    const from = new Date(Date.now() - 86_400_000).toISOString();
    const to = new Date(Date.now() + 86_400_000).toISOString();
    const usage = await eventually(async () => {
      const reply = await gql<{ apiUsage: { operationName: string | null; requests: number; rejected: number; totalEstimatedCost: number }[] }>(
        system,
        'query($from: DateTimeISO!, $to: DateTimeISO!) { apiUsage(from: $from, to: $to) { operationName requests rejected totalEstimatedCost } }',
        { from, to },
        headers,
      );
      const rows = reply.body.data?.apiUsage ?? [];
      return rows.some((r) => r.operationName === 'TooBig') && rows.some((r) => r.operationName === 'Catalog') ? rows : undefined;
    });
    expect(usage.find((r) => r.operationName === 'Catalog')).toMatchObject({ requests: 1, rejected: 0, totalEstimatedCost: 4 });
    expect(usage.find((r) => r.operationName === 'TooBig')).toMatchObject({ requests: 1, rejected: 1, totalEstimatedCost: 301 });
  });
});
