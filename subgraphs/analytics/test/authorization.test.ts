import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AnalyticsHarness, dataOf, dialects, RECORD, startAnalytics } from './support';

interface Event {
  id: string;
  learnerId: string;
}

const LIST = 'query($learnerId: String) { progressEvents(learnerId: $learnerId, first: 100) { totalCount nodes { id learnerId } } }';
const EVENTS = 'query($reps: [_Any!]!) { _entities(representations: $reps) { ... on ProgressEvent { id learnerId } } }';
const TENANT = 'query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Tenant { id progressSummary { events } recentProgress(first: 50) { learnerId } } } }';
const input = (learnerId: string, percent = 10) => ({ input: { learnerId, courseId: 'c1', percent } });
const codeOf = (response: Awaited<ReturnType<ReturnType<AnalyticsHarness['as']>>>) => response.body.errors?.[0]?.extensions?.code;

describe.each(dialects)('analytics authorization on $name', ({ name, enabled }) => {
  let harness: AnalyticsHarness;
  const tenantId = randomUUID();
  const events: Record<'ana' | 'beto', Event> = {} as never;
  beforeAll(async () => {
    if (!enabled) return;
    harness = await startAnalytics(name);
    const instructor = harness.as({ tenantId, subject: 'teacher', roles: ['instructor'] });
    events.ana = dataOf<Event>(await instructor(RECORD, input('ana')), 'recordProgress');
    events.beto = dataOf<Event>(await instructor(RECORD, input('beto')), 'recordProgress');
  });
  afterAll(async () => harness?.close());

  it.runIf(enabled)('shows a learner only their own progress, however it is asked for', async () => {
    const ana = harness.as({ tenantId, subject: 'ana', roles: ['learner'] });
    const own = dataOf<{ totalCount: number; nodes: Event[] }>(await ana(LIST), 'progressEvents');
    expect(own.nodes.map((e) => e.learnerId)).toEqual(['ana']);
    expect(dataOf<{ totalCount: number }>(await ana(LIST, { learnerId: 'beto' }), 'progressEvents').totalCount).toBe(0);
    const reps = [events.ana.id, events.beto.id].map((id) => ({ __typename: 'ProgressEvent', id }));
    expect(dataOf(await ana(EVENTS, { reps }), '_entities')).toEqual([{ id: events.ana.id, learnerId: 'ana' }, null]);
    const [tenant] = dataOf<{ recentProgress: Event[] }[]>(await ana(TENANT, { reps: [{ __typename: 'Tenant', id: tenantId }] }), '_entities');
    expect(tenant!.recentProgress.map((e) => e.learnerId)).toEqual(['ana']);
    // Learners record their own progress, never someone else's.
    expect(codeOf(await ana(RECORD, input('beto')))).toBe('FORBIDDEN');
    expect(dataOf<Event>(await ana(RECORD, input('ana', 50)), 'recordProgress').learnerId).toBe('ana');
  });

  it.runIf(enabled)('shows instructors, tenant admins and partners every learner of the tenant', async () => {
    const principals = [
      { subject: 'teacher', roles: ['instructor'] },
      { subject: 'admin', roles: ['tenant_admin'] },
      { subject: 'key-1', roles: ['partner'], authMethod: 'api_key' as const, scopes: ['progress:read'] },
    ];
    for (const principal of principals) {
      const list = dataOf<{ nodes: Event[] }>(await harness.as({ tenantId, ...principal })(LIST), 'progressEvents');
      expect(new Set(list.nodes.map((e) => e.learnerId)), principal.subject).toEqual(new Set(['ana', 'beto']));
    }
  });

  it.runIf(enabled)('refuses partners without the scope of the field with FORBIDDEN', async () => {
    const partner = (scopes: string[]) => harness.as({ tenantId, subject: 'key-1', roles: ['partner'], authMethod: 'api_key', scopes });
    const refused = await partner(['progress:read'])(RECORD, input('ana'));
    expect(codeOf(refused)).toBe('FORBIDDEN');
    expect(refused.body.errors?.[0]?.extensions).toMatchObject({ requiredScope: 'progress:write' });
    expect(dataOf<Event>(await partner(['progress:write'])(RECORD, input('ana')), 'recordProgress').learnerId).toBe('ana');
    expect(codeOf(await partner(['progress:write'])(LIST))).toBe('FORBIDDEN');
    expect(codeOf(await partner(['progress:read'])(TENANT, { reps: [{ __typename: 'Tenant', id: tenantId }] }))).toBe('FORBIDDEN');
  });

  it.runIf(enabled)('refuses roles that do not record progress', async () => {
    expect(codeOf(await harness.as({ tenantId, subject: 'someone', roles: [] })(RECORD, input('someone')))).toBe('FORBIDDEN');
  });

  it.runIf(enabled)('answers anonymous writes with TENANT_REQUIRED first, then UNAUTHENTICATED', async () => {
    const anonymous = { subject: null, roles: [], authMethod: 'anonymous' as const };
    expect(codeOf(await harness.as({ ...anonymous, tenantId: null })(RECORD, input('ana')))).toBe('TENANT_REQUIRED');
    expect(codeOf(await harness.as({ ...anonymous, tenantId })(RECORD, input('ana')))).toBe('UNAUTHENTICATED');
    expect(codeOf(await harness.as({ ...anonymous, tenantId })(LIST))).toBe('UNAUTHENTICATED');
  });

  it.runIf(enabled)('lets platform admins read every tenant’s progress', async () => {
    const other = randomUUID();
    const foreign = dataOf<Event>(await harness.as({ tenantId: other })(RECORD, input('carla')), 'recordProgress');
    const admin = harness.as({ tenantId: null, subject: 'ops', roles: ['platform_admin'] });
    const reps = [events.ana.id, foreign.id].map((id) => ({ __typename: 'ProgressEvent', id }));
    expect(dataOf<Event[]>(await admin(EVENTS, { reps }), '_entities').map((e) => e.learnerId)).toEqual(['ana', 'carla']);
    const tenants = dataOf<{ progressSummary: { events: number } }[]>(
      await admin(TENANT, { reps: [tenantId, other].map((id) => ({ __typename: 'Tenant', id })) }),
      '_entities',
    );
    expect(tenants.map((t) => t.progressSummary.events > 0)).toEqual([true, true]);
    // A tenant admin of either tenant sees the other's event as if it did not exist.
    expect(dataOf(await harness.as({ tenantId: other })(EVENTS, { reps }), '_entities')).toEqual([null, { id: foreign.id, learnerId: 'carla' }]);
  });
});
