import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTenant, dataOf, dialects, errorCodeOf, principals, RANDOM_TENANT_ID, startTenancy, type TenancyHarness } from './support';

const TENANT_ACCESS = `query($id: ID, $slug: String, $domain: String) {
  tenantAccess(id: $id, slug: $slug, domain: $domain) {
    id slug name status plan
    limits { maxOperationCost bucketCapacity restoreRatePerSecond requestsPerMinute maxDepth maxAliases maxRootFields maxTokens maxDocumentBytes maxSubscriptions }
    customDomains corsOrigins featureFlags apiVersion introspection costExtensions
  }
}`;

const schemaFile = (name: string) => readFileSync(join(__dirname, '..', '..', '..', 'schema', name), 'utf8');

describe('the gateway-only fields in the composed schema', () => {
  it('are composed into the supergraph but absent from the client-facing API schema', () => {
    const api = schemaFile('api.graphql');
    for (const hidden of ['tenantAccess', 'apiKeyAccess', 'TenantAccess', 'ApiKeyAccess', 'secretHash']) expect(api).not.toContain(hidden);
    expect(api).toContain('tenant(');
    expect(api).toContain('createApiKey(');
    const supergraph = schemaFile('supergraph.graphql');
    expect(supergraph).toMatch(/tenantAccess\([^)]*\): TenantAccess @inaccessible @join__field\(graph: TENANCY\)/);
    expect(supergraph).toMatch(/apiKeyAccess\(keyId: String!\): ApiKeyAccess @inaccessible @join__field\(graph: TENANCY\)/);
  });
});

describe.each(dialects)('gateway lookups on $name', ({ name, enabled }) => {
  let harness: TenancyHarness;
  let tenantId: string;
  let slug: string;
  const domain = `campus-${name}-${Date.now().toString(36)}.example.mx`;

  beforeAll(async () => {
    if (!enabled) return;
    harness = await startTenancy(name);
    tenantId = await createTenant(harness, 'access', 'FREE');
    slug = dataOf<{ slug: string }>(await harness.as(principals.platformAdmin())('query($id: ID!) { tenant(id: $id) { slug } }', { id: tenantId }), 'tenant').slug;
    const update = await harness.as(principals.tenantAdmin(tenantId))(
      'mutation($id: ID!, $input: UpdateTenantSettingsInput!) { updateTenantSettings(id: $id, input: $input) { id } }',
      { id: tenantId, input: { customDomains: [domain], corsOrigins: ['https://campus.example.mx'], featureFlags: ['x.y'], costExtensions: false, limitOverrides: { requestsPerMinute: 45, maxDepth: 6 } } },
    );
    dataOf(update, 'updateTenantSettings');
  });
  afterAll(() => harness?.close());

  it.runIf(enabled)('serves the subgraph SDL with the internal fields marked @inaccessible', async () => {
    const sdl = dataOf<{ sdl: string }>(await harness.as(principals.anonymous())('{ _service { sdl } }'), '_service').sdl;
    expect(sdl).toMatch(/tenantAccess\(domain: String, slug: String, id: ID\): TenantAccess @inaccessible/);
    expect(sdl).toMatch(/apiKeyAccess\(keyId: String!\): ApiKeyAccess @inaccessible/);
    expect(sdl).toMatch(/type TenantAccess\s+@inaccessible/);
    expect(sdl).toMatch(/type ApiKeyAccess\s+@inaccessible/);
  });

  it.runIf(enabled)('finds a tenant by id, slug and custom domain, with the effective limits', async () => {
    const gateway = harness.as(principals.gateway());
    const expected = {
      id: tenantId,
      slug,
      name: 'access',
      status: 'ACTIVE',
      plan: 'FREE',
      // The free plan's limits with the two overrides.
      limits: { maxOperationCost: 1000, bucketCapacity: 1000, restoreRatePerSecond: 50, requestsPerMinute: 45, maxDepth: 6, maxAliases: 15, maxRootFields: 5, maxTokens: 2000, maxDocumentBytes: 20000, maxSubscriptions: 5 },
      customDomains: [domain],
      corsOrigins: ['https://campus.example.mx'],
      featureFlags: ['x.y'],
      apiVersion: '2026-11',
      introspection: true,
      costExtensions: false,
    };
    for (const variables of [{ id: tenantId }, { slug }, { domain }, { domain: `${domain.toUpperCase()}.` }]) {
      expect(dataOf(await gateway(TENANT_ACCESS, variables), 'tenantAccess'), JSON.stringify(variables)).toEqual(expected);
    }
    // A tenant without settings gets the defaults and its plan's limits unchanged.
    const acme = dataOf<{ plan: string; limits: { requestsPerMinute: number }; apiVersion: string; customDomains: string[] }>(await gateway(TENANT_ACCESS, { slug: 'acme' }), 'tenantAccess');
    expect(acme).toMatchObject({ plan: 'PRO', limits: { requestsPerMinute: 600 }, apiVersion: '2026-11', customDomains: [], introspection: true, costExtensions: true });
  });

  it.runIf(enabled)('answers null for unknown tenants and BAD_USER_INPUT unless exactly one key is given', async () => {
    const gateway = harness.as(principals.gateway());
    for (const variables of [{ id: RANDOM_TENANT_ID }, { id: 'not-a-uuid' }, { slug: 'no-such-tenant' }, { domain: 'nowhere.example.mx' }]) {
      const response = await gateway(TENANT_ACCESS, variables);
      expect(response.body, JSON.stringify(variables)).toEqual({ data: { tenantAccess: null } });
    }
    for (const variables of [{}, { id: tenantId, slug }, { slug, domain }]) {
      expect(errorCodeOf(await gateway(TENANT_ACCESS, variables)), JSON.stringify(variables)).toBe('BAD_USER_INPUT');
    }
    expect((await gateway('{ apiKeyAccess(keyId: "aaaaaaaaaaaa") { keyId } }')).body).toEqual({ data: { apiKeyAccess: null } });
    expect((await gateway('{ apiKeyAccess(keyId: "not a key id") { keyId } }')).body).toEqual({ data: { apiKeyAccess: null } });
  });

  it.runIf(enabled)('refuses the internal fields to every caller but the gateway itself', async () => {
    const callers = [
      principals.anonymous(),
      principals.learner(tenantId),
      principals.tenantAdmin(tenantId),
      principals.platformAdmin(),
      principals.partner(tenantId),
      { ...principals.gateway(), authMethod: 'jwt' as const },
    ];
    for (const caller of callers) {
      for (const [query, variables] of [
        [TENANT_ACCESS, { slug }],
        ['{ apiKeyAccess(keyId: "aaaaaaaaaaaa") { keyId secretHash signingSecret } }', {}],
      ] as const) {
        const response = await harness.as(caller)(query, variables);
        expect(response.body.data, JSON.stringify(caller)).toEqual({ [query.includes('apiKeyAccess') ? 'apiKeyAccess' : 'tenantAccess']: null });
        expect(errorCodeOf(response), JSON.stringify(caller)).toBe('FORBIDDEN');
      }
    }
  });
});
