import type { Principal } from '@academy/service-kit';
import { forkWithTenantScope } from '@academy/subgraph-kit';
import { testPrincipal } from '@academy/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLearnerLoaders, LearnerService } from '../src/modules/learner';
import { createTenant, dataOf, dialects, errorCodeOf, principals, startTenancy, type TenancyHarness } from './support';

const REGISTER = 'mutation($input: RegisterLearnerInput!) { registerLearner(input: $input) { id } }';
const BY_ID = 'query($id: ID!) { learner(id: $id) { id displayName email tenant { id } } }';
const LIST = '{ learners(first: 100) { totalCount nodes { id displayName email } } }';
const ME = '{ me { id displayName email } }';
const ENTITIES = 'query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Learner { id displayName email } } }';

interface Learner {
  id: string;
  displayName: string;
  email: string | null;
}

const reps = (...ids: string[]) => ({ reps: ids.map((id) => ({ __typename: 'Learner', id })) });

describe.each(dialects)('who sees which learner on $name', ({ name, enabled }) => {
  let harness: TenancyHarness;
  let a: string;
  let b: string;

  const self = (tenantId: string, subject: string): Partial<Principal> => ({ subject, roles: ['learner'], tenantId });
  const instructor = (tenantId: string): Partial<Principal> => ({ subject: 'teacher-1', roles: ['instructor'], tenantId });
  const partnerWith = (tenantId: string, scopes: string[], authMethod: Principal['authMethod'] = 'api_key'): Partial<Principal> => ({
    subject: 'apikey:abcdefgh2345',
    roles: ['partner'],
    scopes,
    tenantId,
    authMethod,
  });
  const list = async (principal: Partial<Principal>) => dataOf<{ totalCount: number; nodes: Learner[] }>(await harness.as(principal)(LIST), 'learners');
  const byId = async (principal: Partial<Principal>, id: string) => dataOf<Learner | null>(await harness.as(principal)(BY_ID, { id }), 'learner');

  beforeAll(async () => {
    if (!enabled) return;
    harness = await startTenancy(name);
    [a, b] = [await createTenant(harness, 'vis-a'), await createTenant(harness, 'vis-b')];
    const registrations: [string, Record<string, unknown>][] = [
      [a, { id: 'ana', displayName: 'Ana A', email: 'ana@a.example' }],
      [a, { id: 'beto', displayName: 'Beto A', email: 'beto@a.example' }],
      [b, { id: 'bianca', displayName: 'Bianca B', email: 'bianca@b.example' }],
      // The same subject in another tenant is another learner.
      [b, { id: 'ana', displayName: 'Ana B', email: 'ana@b.example' }],
    ];
    for (const [tenantId, input] of registrations) dataOf(await harness.as(principals.tenantAdmin(tenantId))(REGISTER, { input }), 'registerLearner');
  });
  afterAll(() => harness?.close());

  it.runIf(enabled)('shows the tenant’s learners to its staff and to partners with learners:read, email to admins only', async () => {
    const withEmail = [
      { id: 'ana', displayName: 'Ana A', email: 'ana@a.example' },
      { id: 'beto', displayName: 'Beto A', email: 'beto@a.example' },
    ];
    const withoutEmail = withEmail.map((l) => ({ ...l, email: null }));
    const cases: [string, Partial<Principal>, Learner[]][] = [
      ['tenant admin', principals.tenantAdmin(a), withEmail],
      ['platform admin in the tenant', principals.platformAdmin(a), withEmail],
      ['instructor', instructor(a), withoutEmail],
      ['partner key with learners:read', partnerWith(a, ['learners:read']), withoutEmail],
      ['signed partner request with learners:read', partnerWith(a, ['learners:read', 'progress:read'], 'hmac'), withoutEmail],
      ['partner claiming tenant_admin', { ...partnerWith(a, ['learners:read']), roles: ['partner', 'tenant_admin'] }, withoutEmail],
    ];
    for (const [label, principal, expected] of cases) {
      expect(await list(principal), label).toEqual({ totalCount: 2, nodes: expected });
      expect(await byId(principal, 'beto'), label).toEqual({ ...expected[1], tenant: { id: a } });
      expect(dataOf(await harness.as(principal)(ENTITIES, reps('ana', 'beto')), '_entities'), label).toEqual(expected);
    }
  });

  it.runIf(enabled)('shows a learner only themself, with their email, and `me`', async () => {
    const ana = self(a, 'ana');
    expect(await byId(ana, 'ana')).toEqual({ id: 'ana', displayName: 'Ana A', email: 'ana@a.example', tenant: { id: a } });
    expect(dataOf(await harness.as(ana)(ME), 'me')).toEqual({ id: 'ana', displayName: 'Ana A', email: 'ana@a.example' });
    // A classmate looks exactly like nobody.
    expect((await harness.as(ana)(BY_ID, { id: 'beto' })).body).toEqual((await harness.as(ana)(BY_ID, { id: 'nobody' })).body);
    expect(await byId(ana, 'beto')).toBeNull();
    expect(dataOf(await harness.as(ana)(ENTITIES, reps('ana', 'beto')), '_entities')).toEqual([{ id: 'ana', displayName: 'Ana A', email: 'ana@a.example' }, null]);
    expect(errorCodeOf(await harness.as(ana)(LIST))).toBe('FORBIDDEN');
    // Not registered yet, or not a user at all: no learner.
    expect(dataOf(await harness.as(self(a, 'newcomer'))(ME), 'me')).toBeNull();
    expect(dataOf(await harness.as(principals.tenantAdmin(a))(ME), 'me')).toBeNull();
    expect(dataOf(await harness.as({ ...partnerWith(a, ['learners:read']), subject: 'ana' })(ME), 'me')).toBeNull();
  });

  it.runIf(enabled)('refuses partners without learners:read, anonymous callers and callers without a tenant', async () => {
    const refusals: [Partial<Principal>, string][] = [
      [partnerWith(a, ['progress:read']), 'FORBIDDEN'],
      [principals.anonymous(), 'UNAUTHENTICATED'],
      [principals.platformAdmin(), 'TENANT_REQUIRED'],
      [principals.gateway(), 'TENANT_REQUIRED'],
    ];
    for (const [principal, code] of refusals) {
      const label = JSON.stringify(principal);
      expect(errorCodeOf(await harness.as(principal)(LIST)), label).toBe(code);
      expect(errorCodeOf(await harness.as(principal)(BY_ID, { id: 'ana' })), label).toBe(code);
    }
    // Through `_entities` (how the gateway reaches learners from other subgraphs) they find no learner.
    for (const principal of [partnerWith(a, ['progress:read']), principals.platformAdmin(), principals.gateway()]) {
      expect(dataOf(await harness.as(principal)(ENTITIES, reps('ana', 'bianca')), '_entities')).toEqual([null, null]);
    }
  });

  it.runIf(enabled)('answers another tenant’s learner exactly like one that does not exist, by id, in lists and through _entities', async () => {
    const callers: Partial<Principal>[] = [principals.tenantAdmin(a), principals.platformAdmin(a), instructor(a), partnerWith(a, ['learners:read']), self(a, 'bianca')];
    for (const principal of callers) {
      const label = JSON.stringify(principal);
      const caller = harness.as(principal);
      const [foreign, missing] = [await caller(BY_ID, { id: 'bianca' }), await caller(BY_ID, { id: 'nobody' })];
      expect(foreign.body, label).toEqual({ data: { learner: null } });
      expect(missing.body, label).toEqual(foreign.body);
      expect(dataOf(await caller(ENTITIES, reps('bianca', 'nobody')), '_entities'), label).toEqual([null, null]);
    }
    const ids = (await list(principals.tenantAdmin(a))).nodes.map((l) => l.id);
    expect(ids).toEqual(['ana', 'beto']);
    // Tenant B's "ana" is B's own learner; tenant A sees its "ana", never B's name or email.
    for (const principal of [principals.tenantAdmin(a), self(a, 'ana')]) {
      const seen = JSON.stringify([await byId(principal, 'ana'), dataOf(await harness.as(principal)(ENTITIES, reps('ana')), '_entities')]);
      expect(seen).toContain('Ana A');
      expect(seen).not.toMatch(/Ana B|ana@b\.example/);
    }
    expect(await byId(principals.tenantAdmin(b), 'ana')).toEqual({ id: 'ana', displayName: 'Ana B', email: 'ana@b.example', tenant: { id: b } });
    // Registering B's id in A makes an A learner and leaves B's untouched.
    dataOf(await harness.as(principals.tenantAdmin(a))(REGISTER, { input: { id: 'bianca', displayName: 'Bianca A' } }), 'registerLearner');
    expect(await byId(principals.tenantAdmin(b), 'bianca')).toMatchObject({ displayName: 'Bianca B', email: 'bianca@b.example' });
    expect(await byId(principals.tenantAdmin(a), 'bianca')).toMatchObject({ displayName: 'Bianca A', email: null });
  });

  it.runIf(enabled)('resolves a batch of references with one query', async () => {
    const em = forkWithTenantScope(harness.runtime.database.orm.em, { mode: 'tenant', tenantId: a });
    let queries = 0;
    const find = em.find.bind(em);
    em.find = ((...args: Parameters<typeof em.find>) => {
      queries += 1;
      return find(...args);
    }) as typeof em.find;
    const loaders = createLearnerLoaders(new LearnerService(em, testPrincipal({ tenantId: a, roles: ['tenant_admin'] })));
    const found = await Promise.all(['ana', 'beto', 'nobody', 'ana'].map((id) => loaders.learnerById.load(id)));
    expect(found.map((l) => l?.displayName ?? null)).toEqual(['Ana A', 'Beto A', null, 'Ana A']);
    expect(queries).toBe(1);
  });
});
