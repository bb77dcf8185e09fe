import type { EmbeddedSystem } from '@academy/embedded';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createApiKey, eventually, gql, hsToken, startAuthSystem, watchPrincipals } from './support/auth-system';
import { createLimitedTenant, type LimitOverrides, tenantHeaders, updateTenantSettings } from './support/tenants';

let system: EmbeddedSystem;
let admin: Record<string, string>;

beforeAll(async () => {
  system = await startAuthSystem();
  admin = bearer(await hsToken({ roles: ['platform_admin'] }));
});

afterAll(() => system?.close());

/** A fresh tenant whose effective limits are the free plan's with these overrides; its caller's headers. */
async function tenantWith(limitOverrides: LimitOverrides, role = 'learner'): Promise<Record<string, string>> {
  return (await createLimitedTenant(system, admin, limitOverrides, { role })).headers;
}

/** One request, and how many subgraph calls it caused (the gateway's own tenant lookups left out). */
async function withSubgraphCalls<T>(run: () => Promise<T>): Promise<{ reply: T; calls: number }> {
  const watches = (['tenancy', 'conocer', 'analytics'] as const).map((name) => watchPrincipals(system, name));
  try {
    const reply = await run();
    return { reply, calls: watches.reduce((sum, watch) => sum + watch.seen.length, 0) };
  } finally {
    for (const watch of watches) watch.stop();
  }
}

// competencyStandards is sized by `first` (@listSize on the connection's nodes): wrapper 1 + first × 1.
const standards = (first: number) => `{ competencyStandards(first: ${first}) { nodes { code } } }`;

describe('per-tenant demand control through the gateway', () => {
  it('reports the requested and actual cost and the bucket in extensions.cost', async () => {
    const headers = await tenantWith({ bucketCapacity: 500, restoreRatePerSecond: 10 });
    const { reply, calls } = await withSubgraphCalls(() => gql(system, standards(5), {}, headers));
    // An admitted operation reaches conocer (which is what the refusals below must not do).
    expect(calls).toBe(1);
    expect(reply.status).toBe(200);
    expect(reply.body.extensions?.cost).toMatchObject({
      requestedQueryCost: 6,
      actualQueryCost: 6,
      throttleStatus: { maximumAvailable: 500, restoreRate: 10 },
    });
  });

  it('refuses an operation over the per-operation maximum before executing it', async () => {
    const headers = await tenantWith({ maxOperationCost: 50 });
    const { reply, calls } = await withSubgraphCalls(() => gql(system, standards(100), {}, headers));
    expect(calls).toBe(0);
    expect(reply.status).toBe(400);
    expect(reply.headers.get('retry-after')).toBeNull();
    expect(reply.body.data ?? null).toBeNull();
    expect(reply.body.errors?.[0]?.extensions).toMatchObject({ code: 'COST_LIMIT_EXCEEDED', 'cost.estimated': 101, 'cost.max': 50 });
  });

  it('throttles with 429 and a Retry-After that the restore rate gives, executing nothing', async () => {
    const restoreRate = 1;
    const headers = await tenantWith({ bucketCapacity: 100, restoreRatePerSecond: restoreRate });
    const first = await gql(system, standards(40), {}, headers);
    const second = await gql(system, standards(40), {}, headers);
    expect([first.status, second.status]).toEqual([200, 200]);
    const { reply: third, calls } = await withSubgraphCalls(() => gql(system, standards(40), {}, headers));
    expect(calls).toBe(0);
    expect(third.status).toBe(429);
    expect(third.body.data ?? null).toBeNull();
    const extensions = third.body.errors?.[0]?.extensions as { code: string; retryAfterMs: number; cost: { requestedQueryCost: number; actualQueryCost: null; throttleStatus: { currentlyAvailable: number; maximumAvailable: number; restoreRate: number } } };
    expect(extensions).toMatchObject({ code: 'THROTTLED', cost: { requestedQueryCost: 41, actualQueryCost: null, throttleStatus: { maximumAvailable: 100, restoreRate } } });
    // 41 points wanted; the bucket holds between currentlyAvailable (whole points) and one more.
    const { currentlyAvailable } = extensions.cost.throttleStatus;
    expect(currentlyAvailable).toBeGreaterThanOrEqual(100 - 2 * 41);
    expect(extensions.retryAfterMs).toBeGreaterThanOrEqual(((41 - currentlyAvailable - 1) * 1000) / restoreRate);
    expect(extensions.retryAfterMs).toBeLessThanOrEqual(((41 - currentlyAvailable) * 1000) / restoreRate);
    expect(third.headers.get('retry-after')).toBe(String(Math.ceil(extensions.retryAfterMs / 1000)));
  });

  it('limits the request rate with 429 and Retry-After', async () => {
    const headers = await tenantWith({ requestsPerMinute: 2 });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await gql(system, standards(1), {}, headers)).status);
    expect(statuses).toEqual([200, 200, 429]);
    const refused = await gql(system, standards(1), {}, headers);
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    const { rateLimit } = refused.body.errors![0]!.extensions as { rateLimit: { requestRate: number; remaining: number; retryAfterMs: number; resetAfterMs: number } };
    expect(rateLimit).toMatchObject({ requestRate: 2, remaining: 0 });
    expect(rateLimit.retryAfterMs).toBeGreaterThan(0);
    expect(rateLimit.resetAfterMs).toBeGreaterThanOrEqual(rateLimit.retryAfterMs);
    expect(refused.headers.get('retry-after')).toBe(String(Math.ceil(rateLimit.retryAfterMs / 1000)));
  });

  it('counts the request rate per tenant, over every caller: users and API keys alike', async () => {
    const tenant = await createLimitedTenant(system, admin, {});
    // Made before the limit is lowered: creating it is a request of the tenant too.
    const key = await createApiKey(system, tenant.slug, ['standards:read']);
    await updateTenantSettings(system, admin, tenant.id, { limitOverrides: { requestsPerMinute: 2 } });
    const ana = await tenantHeaders(tenant.slug, 'learner', 'ana');
    const luis = await tenantHeaders(tenant.slug, 'learner', 'luis');
    await eventually(async () => (await gql(system, standards(1), {}, ana)).status === 429);
    for (const caller of [luis, { 'x-api-key': key.key, 'x-tenant-id': tenant.slug }]) {
      const refused = await gql(system, standards(1), {}, caller);
      expect(refused.status).toBe(429);
      expect(refused.body.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', rateLimit: { requestRate: 2, remaining: 0 } });
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    }
  });

  it('limits each caller of a tenant to its own rate, leaving the tenant’s other callers alone', async () => {
    const tenant = await createLimitedTenant(system, admin, { requestsPerMinute: 100, callerRequestsPerMinute: 2 });
    const ana = await tenantHeaders(tenant.slug, 'learner', 'ana');
    const luis = await tenantHeaders(tenant.slug, 'learner', 'luis');
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await gql(system, standards(1), {}, ana)).status);
    expect(statuses).toEqual([200, 200, 429]);
    const refused = await gql(system, standards(1), {}, ana);
    expect(refused.body.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', rateLimit: { requestRate: 2, remaining: 0 } });
    expect((await gql(system, standards(1), {}, luis)).status).toBe(200);
  });

  // Each query stays within every other limit of the free plan (depth 8, 15 aliases, 5 root fields, 2,000 tokens, 20,000 bytes).
  it.each<[string, LimitOverrides, string, number, number]>([
    ['QUERY_TOO_DEEP', { maxDepth: 2 }, standards(1), 2, 3],
    ['TOO_MANY_ALIASES', { maxAliases: 2 }, '{ a: competencyStandards(first: 1) { n: nodes { c: code } } }', 2, 3],
    ['TOO_MANY_ROOT_FIELDS', { maxRootFields: 1 }, '{ plans { code } competencyStandards(first: 1) { nodes { code } } }', 1, 2],
    ['TOO_MANY_TOKENS', { maxTokens: 10 }, standards(1), 10, 11],
    ['DOCUMENT_TOO_LARGE', { maxDocumentBytes: 40 }, standards(1), 40, Buffer.byteLength(standards(1))],
  ])('refuses %s with 400, the limit and the actual value, before anything executes', async (code, overrides, query, limit, actual) => {
    const headers = await tenantWith(overrides);
    const { reply, calls } = await withSubgraphCalls(() => gql(system, query, {}, headers));
    expect(calls).toBe(0);
    expect(reply.status).toBe(400);
    expect(reply.headers.get('retry-after')).toBeNull();
    expect(reply.body.data ?? null).toBeNull();
    expect(reply.body.errors).toHaveLength(1);
    expect(reply.body.errors?.[0]?.extensions).toMatchObject({ code, limit, actual });
  });

  it('refuses an oversized document before parsing it, on POST and GET, counting tokens only to the limit', async () => {
    const headers = await tenantWith({ maxTokens: 10, maxDocumentBytes: 200 });
    // Unparseable, so only a check before the parser can answer with the limit's code.
    const unparseable = `{ ${'a '.repeat(50)}`;
    const tokens = await gql(system, unparseable, {}, headers);
    expect(tokens.status).toBe(400);
    expect(tokens.body.errors).toEqual([{ message: 'The document has more tokens than allowed: 11, above the limit of 10.', extensions: { code: 'TOO_MANY_TOKENS', limit: 10, actual: 11 } }]);

    const huge = `{ ${'x'.repeat(300)}`;
    const url = new URL(`${system.gateway.url}/graphql`);
    url.searchParams.set('query', huge);
    const viaGet = await fetch(url, { headers: { ...headers, 'apollo-require-preflight': 'true' } });
    expect(viaGet.status).toBe(400);
    const body = (await viaGet.json()) as { errors: { extensions: Record<string, unknown> }[] };
    expect(body.errors[0]?.extensions).toEqual({ code: 'DOCUMENT_TOO_LARGE', limit: 200, actual: Buffer.byteLength(huge) });

    // A batch is refused whole when any of its documents is.
    const batch = await fetch(`${system.gateway.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify([{ query: '{ __typename }' }, { query: unparseable }]),
    });
    expect(batch.status).toBe(400);
    expect(((await batch.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code).toBe('TOO_MANY_TOKENS');

    // Within the limits, the same malformed text reaches the parser and gets its error.
    const parsed = await gql(system, '{ a', {}, headers);
    expect(parsed.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
  });

  it('leaves extensions.cost out for a tenant that turned it off, and still budgets it', async () => {
    const tenant = await createLimitedTenant(system, admin, { bucketCapacity: 12, restoreRatePerSecond: 1 }, { costExtensions: false });
    const reply = await gql(system, standards(5), {}, tenant.headers);
    expect(reply.status).toBe(200);
    expect(reply.body.data).toBeTruthy();
    expect(reply.body.extensions?.cost).toBeUndefined();
    expect((await gql(system, standards(5), {}, tenant.headers)).status).toBe(200);
    expect((await gql(system, standards(5), {}, tenant.headers)).body.errors?.[0]?.extensions?.code).toBe('THROTTLED');

    // Turned back on, without a restart.
    await updateTenantSettings(system, admin, tenant.id, { costExtensions: true });
    await eventually(async () => (await gql(system, '{ __typename }', {}, tenant.headers)).body.extensions?.cost !== undefined);
  });

  it('applies a changed limit override and a changed plan on later requests, without a restart', async () => {
    const tenant = await createLimitedTenant(system, admin, {});
    expect((await gql(system, standards(100), {}, tenant.headers)).status).toBe(200);

    await updateTenantSettings(system, admin, tenant.id, { limitOverrides: { maxOperationCost: 50 } });
    const refused = await eventually(async () => {
      const reply = await gql(system, standards(100), {}, tenant.headers);
      return reply.status === 400 ? reply : undefined;
    });
    expect(refused.body.errors?.[0]?.extensions).toMatchObject({ code: 'COST_LIMIT_EXCEEDED', 'cost.estimated': 101, 'cost.max': 50 });

    await updateTenantSettings(system, admin, tenant.id, { limitOverrides: {} });
    await eventually(async () => (await gql(system, standards(100), {}, tenant.headers)).status === 200);

    // The free plan's bucket is 1,000 points restoring 50/s; the pro plan's 10,000 restoring 200/s.
    const bucketOf = async () => ((await gql(system, '{ __typename }', {}, tenant.headers)).body.extensions?.cost as { throttleStatus: Record<string, number> }).throttleStatus;
    expect(await bucketOf()).toMatchObject({ maximumAvailable: 1000, restoreRate: 50 });
    const moved = await gql(system, 'mutation($id: ID!) { updateTenant(id: $id, input: { plan: PRO }) { plan { code } } }', { id: tenant.id }, admin);
    expect(moved.body.errors).toBeUndefined();
    await eventually(async () => (await bucketOf()).maximumAvailable === 10_000);
    expect(await bucketOf()).toMatchObject({ maximumAvailable: 10_000, restoreRate: 200 });
  });

  it('meters every operation, admitted or rejected, into the tenant\'s usage log', async () => {
    // apiUsage itself is priced at 31 days × 5 = 155. The poll below asks many times a second: the free
    // plan's request rates and bucket would refuse it before the usage batch (flushed every second) is stored.
    const headers = await tenantWith({ maxOperationCost: 200, requestsPerMinute: 100_000, callerRequestsPerMinute: 100_000, bucketCapacity: 1_000_000, restoreRatePerSecond: 100_000 }, 'tenant_admin');
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
