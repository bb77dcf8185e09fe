import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTenant, dataOf, dialects, errorCodeOf, principals, RANDOM_TENANT_ID, startTenancy, type TenancyHarness } from './support';

const BY_ID = 'query($id: ID!) { tenant(id: $id) { id slug name status plan { code } createdAt } }';
const BY_SLUG = 'query($slug: String!) { tenant(slug: $slug) { id slug name } }';
const ENTITIES = 'query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Tenant { id slug name plan { code } } } }';

describe.each(dialects)('tenant isolation on $name', ({ name, enabled }) => {
  let harness: TenancyHarness;
  let a: { id: string; slug: string };
  let b: { id: string; slug: string };

  beforeAll(async () => {
    if (!enabled) return;
    harness = await startTenancy(name);
    const platform = harness.as(principals.platformAdmin());
    const slugOf = async (id: string) => dataOf<{ slug: string }>(await platform(BY_ID, { id }), 'tenant').slug;
    const [idA, idB] = [await createTenant(harness, 'iso-a'), await createTenant(harness, 'iso-b')];
    a = { id: idA, slug: await slugOf(idA) };
    b = { id: idB, slug: await slugOf(idB) };
  });
  afterAll(() => harness?.close());

  it.runIf(enabled)('shows members their own tenant', async () => {
    for (const principal of [principals.tenantAdmin(a.id), principals.learner(a.id), principals.partner(a.id)]) {
      const caller = harness.as(principal);
      expect(dataOf(await caller(BY_ID, { id: a.id }), 'tenant')).toMatchObject({ id: a.id, slug: a.slug });
      expect(dataOf(await caller(BY_SLUG, { slug: a.slug }), 'tenant')).toMatchObject({ id: a.id });
    }
  });

  it.runIf(enabled)('answers another tenant exactly like a tenant that does not exist', async () => {
    for (const principal of [principals.tenantAdmin(a.id), principals.learner(a.id), principals.partner(a.id), principals.gateway()]) {
      const caller = harness.as(principal);
      const label = JSON.stringify(principal);
      const [foreign, missing, malformed] = await Promise.all([caller(BY_ID, { id: b.id }), caller(BY_ID, { id: RANDOM_TENANT_ID }), caller(BY_ID, { id: 'nope' })]);
      expect(foreign.body, label).toEqual({ data: { tenant: null } });
      expect(missing.body, label).toEqual(foreign.body);
      expect(malformed.body, label).toEqual(foreign.body);
      expect((await caller(BY_SLUG, { slug: b.slug })).body, label).toEqual((await caller(BY_SLUG, { slug: 'no-such-slug' })).body);
      expect((await caller(BY_SLUG, { slug: b.slug })).body, label).toEqual({ data: { tenant: null } });

      const entities = await caller(ENTITIES, {
        reps: [
          { __typename: 'Tenant', id: b.id },
          { __typename: 'Tenant', id: RANDOM_TENANT_ID },
        ],
      });
      expect(entities.body, label).toEqual({ data: { _entities: [null, null] } });
    }
    // The tenant's own members resolve it as an entity, next to the other tenant's null.
    const own = await harness.as(principals.learner(a.id))(ENTITIES, { reps: [{ __typename: 'Tenant', id: a.id }, { __typename: 'Tenant', id: b.id }] });
    expect(own.body).toEqual({ data: { _entities: [{ id: a.id, slug: a.slug, name: 'iso-a', plan: { code: 'PRO' } }, null] } });
  });

  it.runIf(enabled)('lets platform admins see every tenant', async () => {
    const platform = harness.as(principals.platformAdmin());
    expect(dataOf(await platform(BY_ID, { id: b.id }), 'tenant')).toMatchObject({ id: b.id });
    const entities = await platform(ENTITIES, { reps: [{ __typename: 'Tenant', id: a.id }, { __typename: 'Tenant', id: b.id }] });
    expect((entities.body.data as { _entities: { id: string }[] })._entities.map((t) => t.id)).toEqual([a.id, b.id]);
    expect(dataOf<{ totalCount: number }>(await platform('{ tenants(first: 100) { totalCount } }'), 'tenants').totalCount).toBeGreaterThanOrEqual(4);
  });

  it.runIf(enabled)('refuses anonymous callers and keeps the tenant list and tenant creation to platform admins', async () => {
    expect(errorCodeOf(await harness.as(principals.anonymous())(BY_SLUG, { slug: a.slug }))).toBe('UNAUTHENTICATED');
    expect((await harness.as(principals.anonymous())('{ plans { code } }')).body.data).toEqual({ plans: [{ code: 'FREE' }, { code: 'PRO' }, { code: 'ENTERPRISE' }] });
    for (const principal of [principals.tenantAdmin(a.id), principals.learner(a.id), principals.gateway()]) {
      expect(errorCodeOf(await harness.as(principal)('{ tenants { totalCount } }')), JSON.stringify(principal)).toBe('FORBIDDEN');
      const create = await harness.as(principal)('mutation { createTenant(input: { slug: "sneaky-tenant", name: "x" }) { id } }');
      expect(errorCodeOf(create), JSON.stringify(principal)).toBe('FORBIDDEN');
    }
    expect(errorCodeOf(await harness.as(principals.anonymous())('{ tenants { totalCount } }'))).toBe('UNAUTHENTICATED');
  });

  it.runIf(enabled)('answers writes to another tenant with NOT_FOUND, exactly like a missing tenant', async () => {
    const admin = harness.as(principals.tenantAdmin(a.id));
    const mutations = [
      'mutation($id: ID!) { updateTenant(id: $id, input: { name: "Taken over" }) { id } }',
      'mutation($id: ID!) { updateTenantSettings(id: $id, input: { featureFlags: ["x"] }) { id } }',
    ];
    for (const mutation of mutations) {
      const foreign = await admin(mutation, { id: b.id });
      const missing = await admin(mutation, { id: RANDOM_TENANT_ID });
      expect(errorCodeOf(foreign)).toBe('NOT_FOUND');
      expect(foreign.body.errors?.[0]?.message).toBe(`No tenant with id ${b.id}`);
      expect(missing.body.errors?.[0]?.message).toBe(`No tenant with id ${RANDOM_TENANT_ID}`);
    }
    expect(dataOf(await harness.as(principals.platformAdmin())(BY_ID, { id: b.id }), 'tenant')).toMatchObject({ name: 'iso-b' });
  });
});
