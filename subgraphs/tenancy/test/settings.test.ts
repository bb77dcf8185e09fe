import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTenant, dataOf, dialects, errorCodeOf, principals, RANDOM_TENANT_ID, startTenancy, type TenancyHarness } from './support';

const UPDATE = `mutation($id: ID!, $input: UpdateTenantSettingsInput!) {
  updateTenantSettings(id: $id, input: $input) {
    id
    settings { customDomains corsOrigins featureFlags apiVersion introspection costExtensions limitOverrides { maxDepth requestsPerMinute maxTokens } }
    effectiveLimits { maxDepth requestsPerMinute maxTokens maxOperationCost }
  }
}`;

const READ = `query($id: ID!) { tenant(id: $id) { name settings { customDomains apiVersion } effectiveLimits { maxDepth } } }`;

/** The pro plan's limits as seeded by the plans migration. */
const PRO = { maxDepth: 12, requestsPerMinute: 600, maxTokens: 5000, maxOperationCost: 5000 };

describe.each(dialects)('tenant settings on $name', ({ name, enabled }) => {
  let harness: TenancyHarness;
  let tenantId: string;
  let otherId: string;
  const suffix = `${name}-${Date.now().toString(36)}.example.mx`;

  beforeAll(async () => {
    if (!enabled) return;
    harness = await startTenancy(name);
    tenantId = await createTenant(harness, 'settings');
    otherId = await createTenant(harness, 'settings-other');
  });
  afterAll(() => harness?.close());

  it.runIf(enabled)('has defaults before any update and the plan’s limits as effective limits', async () => {
    const response = await harness.as(principals.tenantAdmin(tenantId))(
      'query($id: ID!) { tenant(id: $id) { settings { customDomains corsOrigins featureFlags apiVersion introspection costExtensions limitOverrides { maxDepth } } effectiveLimits { maxDepth requestsPerMinute maxTokens maxOperationCost } } }',
      { id: tenantId },
    );
    expect(dataOf(response, 'tenant')).toEqual({
      settings: { customDomains: [], corsOrigins: [], featureFlags: [], apiVersion: '2026-11', introspection: true, costExtensions: true, limitOverrides: { maxDepth: null } },
      effectiveLimits: PRO,
    });
  });

  it.runIf(enabled)('lets the tenant’s admin update its settings, with overrides applied to the effective limits', async () => {
    const input = {
      customDomains: [`cursos.${suffix}`, `aprende.${suffix}`],
      corsOrigins: ['https://app.example.mx', 'http://localhost:3000'],
      featureFlags: ['beta.dashboard', 'new_player'],
      apiVersion: '2026-09',
      introspection: false,
      limitOverrides: { maxDepth: 8, requestsPerMinute: 300 },
    };
    const updated = dataOf(await harness.as(principals.tenantAdmin(tenantId))(UPDATE, { id: tenantId, input }), 'updateTenantSettings');
    expect(updated).toEqual({
      id: tenantId,
      settings: {
        customDomains: [`aprende.${suffix}`, `cursos.${suffix}`],
        corsOrigins: input.corsOrigins,
        featureFlags: input.featureFlags,
        apiVersion: '2026-09',
        introspection: false,
        costExtensions: true,
        limitOverrides: { maxDepth: 8, requestsPerMinute: 300, maxTokens: null },
      },
      effectiveLimits: { ...PRO, maxDepth: 8, requestsPerMinute: 300 },
    });

    // Omitted fields keep their values; a given list replaces the stored one, overrides as a whole.
    const second = await harness.as(principals.platformAdmin())(UPDATE, {
      id: tenantId,
      input: { customDomains: [`cursos.${suffix}`, `campus.${suffix}`], limitOverrides: { maxTokens: 9000 } },
    });
    expect(dataOf(second, 'updateTenantSettings')).toMatchObject({
      settings: { customDomains: [`campus.${suffix}`, `cursos.${suffix}`], apiVersion: '2026-09', introspection: false, limitOverrides: { maxDepth: null, maxTokens: 9000 } },
      effectiveLimits: { ...PRO, maxTokens: 9000 },
    });
  });

  it.runIf(enabled)('lets a tenant’s admin tighten its plan’s limits but not raise them; a platform admin may', async () => {
    const before = dataOf<{ effectiveLimits: Record<string, number> }>(await harness.as(principals.tenantAdmin(otherId))(UPDATE, { id: otherId, input: {} }), 'updateTenantSettings');
    const raise = { limitOverrides: { maxDepth: 6, requestsPerMinute: 601, maxTokens: PRO.maxTokens } };
    const refused = await harness.as(principals.tenantAdmin(otherId))(UPDATE, { id: otherId, input: { ...raise, apiVersion: '2025-01' } });
    expect(errorCodeOf(refused)).toBe('FORBIDDEN');
    expect(refused.body.errors?.[0]?.extensions).toMatchObject({
      requiredRoles: ['platform_admin'],
      fields: [{ field: 'input.limitOverrides.requestsPerMinute', planLimit: 600, requested: 601 }],
    });
    // Nothing of the refused update was stored, not even its other fields.
    const after = dataOf<{ settings: { apiVersion: string }; effectiveLimits: Record<string, number> }>(
      await harness.as(principals.tenantAdmin(otherId))(UPDATE, { id: otherId, input: {} }),
      'updateTenantSettings',
    );
    expect(after.effectiveLimits).toEqual(before.effectiveLimits);
    expect(after.settings.apiVersion).toBe('2026-11');

    const raised = await harness.as(principals.platformAdmin())(UPDATE, { id: otherId, input: raise });
    expect(dataOf<{ effectiveLimits: Record<string, number> }>(raised, 'updateTenantSettings').effectiveLimits).toEqual({ ...PRO, maxDepth: 6, requestsPerMinute: 601 });
    // Clearing overrides back to the plan is never a raise.
    const cleared = await harness.as(principals.tenantAdmin(otherId))(UPDATE, { id: otherId, input: { limitOverrides: {} } });
    expect(dataOf<{ effectiveLimits: Record<string, number> }>(cleared, 'updateTenantSettings').effectiveLimits).toEqual(PRO);
  });

  it.runIf(enabled)('refuses invalid settings with BAD_USER_INPUT naming the fields', async () => {
    const bad: [Record<string, unknown>, string][] = [
      [{ customDomains: ['Cursos.Example.mx'] }, 'customDomains'],
      [{ customDomains: ['localhost'] }, 'customDomains'],
      [{ customDomains: ['-bad.example.mx'] }, 'customDomains'],
      [{ customDomains: ['a.example.mx', 'a.example.mx'] }, 'customDomains'],
      [{ corsOrigins: ['https://app.example.mx/'] }, 'corsOrigins'],
      [{ corsOrigins: ['https://app.example.mx/path'] }, 'corsOrigins'],
      [{ corsOrigins: ['ftp://files.example.mx'] }, 'corsOrigins'],
      [{ corsOrigins: ['https://App.example.mx'] }, 'corsOrigins'],
      [{ corsOrigins: ['*'] }, 'corsOrigins'],
      [{ featureFlags: ['Has Spaces'] }, 'featureFlags'],
      [{ featureFlags: ['x'.repeat(65)] }, 'featureFlags'],
      [{ apiVersion: '2026-13' }, 'apiVersion'],
      [{ limitOverrides: { maxDepth: 0 } }, 'limitOverrides.maxDepth'],
      [{ limitOverrides: { requestsPerMinute: -5 } }, 'limitOverrides.requestsPerMinute'],
    ];
    for (const [input, field] of bad) {
      const response = await harness.as(principals.tenantAdmin(tenantId))(UPDATE, { id: tenantId, input });
      expect(errorCodeOf(response), JSON.stringify(input)).toBe('BAD_USER_INPUT');
      const fields = (response.body.errors?.[0]?.extensions?.fields as { field: string }[]).map((f) => f.field);
      expect(fields.some((f) => f.startsWith(`input.${field}`) || f === field), `${JSON.stringify(input)} → ${fields}`).toBe(true);
    }
    // Nothing of the refused inputs was stored.
    const read = dataOf<{ settings: { apiVersion: string } }>(await harness.as(principals.tenantAdmin(tenantId))(READ, { id: tenantId }), 'tenant');
    expect(read.settings.apiVersion).toBe('2026-09');
  });

  it.runIf(enabled)('answers CONFLICT for a domain another tenant holds, and changes nothing', async () => {
    const response = await harness.as(principals.tenantAdmin(otherId))(UPDATE, {
      id: otherId,
      input: { customDomains: [`mine.${suffix}`, `cursos.${suffix}`], apiVersion: '2025-01' },
    });
    expect(errorCodeOf(response)).toBe('CONFLICT');
    expect(response.body.errors?.[0]?.extensions?.domains).toEqual([`cursos.${suffix}`]);
    const other = dataOf<{ settings: { customDomains: string[]; apiVersion: string } }>(
      await harness.as(principals.tenantAdmin(otherId))(READ, { id: otherId }),
      'tenant',
    );
    expect(other.settings).toEqual({ customDomains: [], apiVersion: '2026-11' });

    // A domain the first tenant gave up is free again.
    const freed = await harness.as(principals.tenantAdmin(otherId))(UPDATE, { id: otherId, input: { customDomains: [`aprende.${suffix}`] } });
    expect(dataOf<{ settings: { customDomains: string[] } }>(freed, 'updateTenantSettings').settings.customDomains).toEqual([`aprende.${suffix}`]);
  });

  it.runIf(enabled)('shows settings and effective limits to the tenant’s admins only', async () => {
    const learner = await harness.as(principals.learner(tenantId))(READ, { id: tenantId });
    expect(errorCodeOf(learner)).toBe('FORBIDDEN');
    // The tenant itself stays readable for its members; only the admin fields are refused.
    expect((await harness.as(principals.learner(tenantId))('query($id: ID!) { tenant(id: $id) { id settings { apiVersion } } }', { id: tenantId })).body).toMatchObject({
      data: { tenant: { id: tenantId, settings: null } },
      errors: [{ path: ['tenant', 'settings'], extensions: { code: 'FORBIDDEN' } }],
    });
    const partner = await harness.as(principals.partner(tenantId))(READ, { id: tenantId });
    expect(errorCodeOf(partner)).toBe('FORBIDDEN');
  });

  it.runIf(enabled)('lets nobody but the tenant’s admins and platform admins change settings', async () => {
    const input = { featureFlags: ['hijack'] };
    expect(errorCodeOf(await harness.as(principals.learner(tenantId))(UPDATE, { id: tenantId, input }))).toBe('FORBIDDEN');
    expect(errorCodeOf(await harness.as(principals.anonymous())(UPDATE, { id: tenantId, input }))).toBe('UNAUTHENTICATED');
    // Another tenant's admin gets what a missing tenant gets.
    const foreign = await harness.as(principals.tenantAdmin(otherId))(UPDATE, { id: tenantId, input });
    const missing = await harness.as(principals.tenantAdmin(otherId))(UPDATE, { id: RANDOM_TENANT_ID, input });
    expect(errorCodeOf(foreign)).toBe('NOT_FOUND');
    expect(errorCodeOf(missing)).toBe('NOT_FOUND');
    const read = dataOf<{ settings: { apiVersion: string } }>(await harness.as(principals.tenantAdmin(tenantId))('query($id: ID!) { tenant(id: $id) { settings { featureFlags } } }', { id: tenantId }), 'tenant');
    expect(read.settings).toEqual({ featureFlags: ['beta.dashboard', 'new_player'] });
  });

  it.runIf(enabled)('lets a tenant admin rename their tenant but not change its plan or status', async () => {
    const rename = await harness.as(principals.tenantAdmin(tenantId))('mutation($id: ID!) { updateTenant(id: $id, input: { name: "Renamed" }) { name } }', { id: tenantId });
    expect(dataOf(rename, 'updateTenant')).toEqual({ name: 'Renamed' });
    for (const change of ['plan: ENTERPRISE', 'status: SUSPENDED']) {
      const response = await harness.as(principals.tenantAdmin(tenantId))(`mutation($id: ID!) { updateTenant(id: $id, input: { ${change} }) { name } }`, { id: tenantId });
      expect(errorCodeOf(response), change).toBe('FORBIDDEN');
    }
    const platform = await harness.as(principals.platformAdmin())('mutation($id: ID!) { updateTenant(id: $id, input: { plan: ENTERPRISE }) { plan { code } effectiveLimits { maxDepth maxTokens } } }', { id: tenantId });
    // The enterprise plan's maxDepth (15); the maxTokens override (9000) still beats the plan's 15000.
    expect(dataOf(platform, 'updateTenant')).toEqual({ plan: { code: 'ENTERPRISE' }, effectiveLimits: { maxDepth: 15, maxTokens: 9000 } });
  });
});
