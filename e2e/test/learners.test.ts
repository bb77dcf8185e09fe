import type { EmbeddedSystem } from '@academy/embedded';
import { DEMO_LEARNERS } from '@academy/tenancy';
import { print } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProgressWithLearnersDocument, type ProgressWithLearnersQuery, type ProgressWithLearnersQueryVariables } from '../src/generated/graphql';
import { bearer, createApiKey, gql, hsToken, startAuthSystem, type TokenClaims } from './support/auth-system';

const REGISTER = 'mutation($input: RegisterLearnerInput!) { registerLearner(input: $input) { id } }';
const RECORD = 'mutation($input: RecordProgressInput!) { recordProgress(input: $input) { id } }';

let system: EmbeddedSystem;

beforeAll(async () => {
  system = await startAuthSystem();
});

afterAll(() => system?.close());

const as = async (claims: TokenClaims) => bearer(await hsToken(claims));

async function progress(headers: Record<string, string>, variables: ProgressWithLearnersQueryVariables = {}) {
  const reply = await gql<ProgressWithLearnersQuery>(system, print(ProgressWithLearnersDocument), variables, headers);
  return { errors: reply.body.errors, nodes: reply.body.data?.progressEvents.nodes ?? [] };
}

async function ok(reply: Promise<{ body: { errors?: unknown[]; data?: unknown } }>) {
  const { body } = await reply;
  expect(body.errors).toBeUndefined();
  return body.data;
}

describe('learners of progress events, through the gateway', () => {
  it('resolves each demo event’s learner in tenancy and its standard in conocer, in one query', async () => {
    const { errors, nodes } = await progress(await as({ tenant: 'acme', roles: ['instructor'] }));
    expect(errors).toBeUndefined();
    expect(nodes.length).toBeGreaterThan(0);
    const names = new Map(DEMO_LEARNERS.map((l) => [l.id, l.displayName]));
    for (const node of nodes) {
      // Every learner the demo progress names is a registered learner of the tenant; instructors see no email.
      expect(node.learner, node.learnerId).toEqual({ id: node.learnerId, displayName: names.get(node.learnerId), email: null });
    }
    const withStandard = nodes.filter((n) => n.standard);
    expect(withStandard.length).toBeGreaterThan(0);
    for (const node of withStandard) expect(node.standard!.title.length).toBeGreaterThan(10);
  });

  it('shows a learner their own progress with their own email', async () => {
    const { errors, nodes } = await progress(await as({ tenant: 'acme', roles: ['learner'], sub: 'ana.lopez' }));
    expect(errors).toBeUndefined();
    expect(nodes.length).toBeGreaterThan(0);
    for (const node of nodes) expect(node.learner).toEqual({ id: 'ana.lopez', displayName: 'Ana López', email: 'ana.lopez@acme.example' });
  });

  it('answers null for a learner tenancy does not know, and for another tenant’s learner', async () => {
    const acmeAdmin = await as({ tenant: 'acme', roles: ['tenant_admin'] });
    await ok(gql(system, REGISTER, { input: { id: 'only-at-acme', displayName: 'Solo Acme' } }, acmeAdmin));
    for (const learnerId of ['only-at-acme', 'never-registered']) {
      await ok(gql(system, RECORD, { input: { learnerId, courseId: 'excel-intermedio', percent: 30 } }, await as({ tenant: 'globex', roles: ['learner'], sub: learnerId })));
      const { errors, nodes } = await progress(await as({ tenant: 'globex', roles: ['tenant_admin'] }), { learnerId });
      expect(errors, learnerId).toBeUndefined();
      expect(nodes, learnerId).toEqual([{ learnerId, learner: null, standard: null }]);
    }
    // At acme the same id is a learner, once acme has progress for it.
    await ok(gql(system, RECORD, { input: { learnerId: 'only-at-acme', courseId: 'excel-intermedio', percent: 30 } }, await as({ tenant: 'acme', roles: ['learner'], sub: 'only-at-acme' })));
    const acme = await progress(acmeAdmin, { learnerId: 'only-at-acme' });
    expect(acme.nodes.map((n) => n.learner?.displayName)).toEqual(['Solo Acme']);
  });

  it('shows learners to partner keys with learners:read only', async () => {
    const readsProgress = await createApiKey(system, 'acme', ['progress:read', 'standards:read']);
    const readsLearners = await createApiKey(system, 'acme', ['progress:read', 'standards:read', 'learners:read']);
    const without = await progress({ 'x-api-key': readsProgress.key }, { first: 3 });
    expect(without.errors).toBeUndefined();
    expect(without.nodes.map((n) => n.learner)).toEqual([null, null, null]);
    const withScope = await progress({ 'x-api-key': readsLearners.key }, { first: 3 });
    expect(withScope.errors).toBeUndefined();
    for (const node of withScope.nodes) expect(node.learner).toMatchObject({ id: node.learnerId, email: null });
    expect(withScope.nodes.every((n) => n.learner?.displayName)).toBe(true);
  });
});
