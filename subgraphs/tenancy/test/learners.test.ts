import type { Principal } from '@academy/service-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_LEARNERS, seedDemoTenants } from '../src';
import { createTenant, dataOf, dialects, errorCodeOf, principals, startTenancy, type TenancyHarness } from './support';

const LEARNER_FIELDS = 'id displayName email createdAt tenant { id }';
const REGISTER = `mutation($input: RegisterLearnerInput!) { registerLearner(input: $input) { ${LEARNER_FIELDS} } }`;
const BY_ID = `query($id: ID!) { learner(id: $id) { ${LEARNER_FIELDS} } }`;
const AUDIT = 'query($action: String) { auditLog(first: 100, action: $action) { nodes { actor action target outcome reason } } }';

interface Learner {
  id: string;
  displayName: string;
  email: string | null;
  createdAt: string;
  tenant: { id: string };
}

interface AuditEntry {
  actor: string;
  action: string;
  target: string;
  outcome: string;
  reason: string | null;
}

describe.each(dialects)('learner registration on $name', ({ name, enabled }) => {
  let harness: TenancyHarness;
  let tenantId: string;
  const admin = () => harness.as(principals.tenantAdmin(tenantId));
  const register = async (input: Record<string, unknown>, caller = admin()) => dataOf<Learner>(await caller(REGISTER, { input }), 'registerLearner');
  const read = async (id: string) => dataOf<Learner | null>(await admin()(BY_ID, { id }), 'learner');

  beforeAll(async () => {
    if (!enabled) return;
    harness = await startTenancy(name);
    tenantId = await createTenant(harness, 'learners');
  });
  afterAll(() => harness?.close());

  it.runIf(enabled)('registers a learner of the admin’s tenant under its token subject', async () => {
    const created = await register({ id: 'auth0|65f1c2', displayName: '  Marta Sánchez ', email: 'marta@example.mx' });
    expect(created).toMatchObject({ id: 'auth0|65f1c2', displayName: 'Marta Sánchez', email: 'marta@example.mx', tenant: { id: tenantId } });
    expect(Date.parse(created.createdAt)).not.toBeNaN();
    expect(await read('auth0|65f1c2')).toEqual(created);
  });

  it.runIf(enabled)('registers idempotently: a repeat updates the name, keeps the creation time, and touches the email only when given', async () => {
    const first = await register({ id: 'repeat-1', displayName: 'Raúl', email: 'raul@example.mx' });
    expect(await register({ id: 'repeat-1', displayName: 'Raúl' })).toEqual(first);
    const renamed = await register({ id: 'repeat-1', displayName: 'Raúl Ortega' });
    expect(renamed).toEqual({ ...first, displayName: 'Raúl Ortega' });
    const cleared = await register({ id: 'repeat-1', displayName: 'Raúl Ortega', email: null });
    expect(cleared).toEqual({ ...first, displayName: 'Raúl Ortega', email: null });
    const { nodes } = dataOf<{ nodes: { id: string }[] }>(await admin()('{ learners(first: 100) { nodes { id } } }'), 'learners');
    expect(nodes.filter((n) => n.id === 'repeat-1')).toHaveLength(1);
  });

  it.runIf(enabled)('survives concurrent first registrations of one id', async () => {
    const inputs = Array.from({ length: 4 }, (_, i) => ({ id: 'raced-1', displayName: `Racer ${i}` }));
    const results = await Promise.all(inputs.map((input) => admin()(REGISTER, { input })));
    for (const result of results) expect(result.body.errors, JSON.stringify(result.body.errors)).toBeUndefined();
    expect((await read('raced-1'))?.displayName).toMatch(/^Racer [0-3]$/);
  });

  it.runIf(enabled)('refuses invalid input with BAD_USER_INPUT naming the field, and stores nothing', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ id: 'v-empty', displayName: '' }, 'displayName'],
      [{ id: 'v-blank', displayName: '   ' }, 'displayName'],
      [{ id: 'v-long', displayName: 'x'.repeat(101) }, 'displayName'],
      [{ id: 'v-email', displayName: 'Valid', email: 'not-an-email' }, 'email'],
      [{ id: 'v-email-2', displayName: 'Valid', email: 'a@b' }, 'email'],
      [{ id: 'has space', displayName: 'Valid' }, 'id'],
      [{ id: '', displayName: 'Valid' }, 'id'],
      [{ id: 'x'.repeat(201), displayName: 'Valid' }, 'id'],
    ];
    for (const [input, field] of cases) {
      const response = await admin()(REGISTER, { input });
      expect(response.body.errors?.[0]?.extensions, JSON.stringify(input)).toMatchObject({ code: 'BAD_USER_INPUT', fields: [expect.objectContaining({ field })] });
      expect(response.body.data ?? null, JSON.stringify(input)).toBeNull();
    }
    for (const id of ['v-empty', 'v-blank', 'v-long', 'v-email', 'v-email-2']) expect(await read(id), id).toBeNull();
    // The longest valid values are accepted.
    const longest = await register({ id: 'y'.repeat(200), displayName: 'z'.repeat(100) });
    expect(longest.displayName).toHaveLength(100);
  });

  it.runIf(enabled)('lets only the tenant’s administrators register learners, and audits the attempts', async () => {
    const refusals: [Partial<Principal>, string][] = [
      [principals.anonymous(), 'UNAUTHENTICATED'],
      [principals.learner(tenantId), 'FORBIDDEN'],
      [{ subject: 'teacher-1', roles: ['instructor'], tenantId }, 'FORBIDDEN'],
      [principals.partner(tenantId, ['partner', 'tenant_admin']), 'FORBIDDEN'],
      [principals.platformAdmin(), 'TENANT_REQUIRED'],
    ];
    for (const [principal, code] of refusals) {
      const response = await harness.as(principal)(REGISTER, { input: { id: 'sneaky', displayName: 'Sneaky' } });
      expect(errorCodeOf(response), JSON.stringify(principal)).toBe(code);
    }
    expect(await read('sneaky')).toBeNull();
    // A platform admin acting inside the tenant may.
    expect(await register({ id: 'by-platform', displayName: 'Platform' }, harness.as(principals.platformAdmin(tenantId)))).toMatchObject({ tenant: { id: tenantId } });

    const entries = dataOf<{ nodes: AuditEntry[] }>(await admin()(AUDIT, { action: 'learner.register' }), 'auditLog').nodes;
    expect(entries).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ actor: `admin-of-${tenantId.slice(0, 8)}`, target: 'learner/auth0|65f1c2', outcome: 'SUCCESS' }),
        expect.objectContaining({ actor: 'learner-1', target: 'learner/sneaky', outcome: 'DENIED' }),
        expect.objectContaining({ target: 'learner/v-email', outcome: 'FAILURE', reason: expect.stringMatching(/^BAD_USER_INPUT/) }),
      ]),
    );
    // Personal data stays out of the audit log.
    expect(JSON.stringify(entries)).not.toContain('marta@example.mx');
  });

  it.runIf(enabled)('seeds the demo tenants’ learners idempotently, with the ids the demo progress uses', async () => {
    expect(await seedDemoTenants(harness.runtime.database.orm.em.fork())).toEqual(harness.demo);
    for (const demoTenant of Object.values(harness.demo)) {
      const page = dataOf<{ totalCount: number; nodes: { id: string; displayName: string }[] }>(
        await harness.as(principals.tenantAdmin(demoTenant))('{ learners(first: 100) { totalCount nodes { id displayName } } }'),
        'learners',
      );
      expect(page.totalCount).toBe(DEMO_LEARNERS.length);
      expect(page.nodes).toEqual(DEMO_LEARNERS.map(({ id, displayName }) => ({ id, displayName })));
    }
  });
});
