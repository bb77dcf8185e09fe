import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AnalyticsHarness, dataOf, RECORD, startAnalytics } from './support';

const WITH_LEARNER = '{ progressEvents(first: 10) { nodes { learnerId learner { __typename id } } } }';
const EVENT_ENTITY = 'query($reps: [_Any!]!) { _entities(representations: $reps) { ... on ProgressEvent { learner { id } } } }';

describe('ProgressEvent.learner', () => {
  let harness: AnalyticsHarness;
  beforeAll(async () => {
    harness = await startAnalytics('sqlite');
  });
  afterAll(async () => harness?.close());

  it('declares Learner as tenancy’s entity, which analytics never resolves itself', async () => {
    const sdl = dataOf<{ sdl: string }>(await harness.as({})('{ _service { sdl } }'), '_service').sdl;
    expect(sdl).toMatch(/type Learner\s+@key\(fields: "id", resolvable: false\)\s*\{\s*id: ID!\s*\}/);
    expect(sdl).toMatch(/learner: Learner\n/);
  });

  it('is a reference to the learner who reported the progress, for the gateway to resolve in tenancy', async () => {
    const call = harness.as({ tenantId: randomUUID() });
    const recorded = dataOf<{ id: string }>(await call(RECORD, { input: { learnerId: 'auth0|ana', courseId: 'c1', percent: 40 } }), 'recordProgress');
    await call(RECORD, { input: { learnerId: 'beto', courseId: 'c1', percent: 60 } });
    const nodes = dataOf<{ nodes: { learnerId: string; learner: { __typename: string; id: string } }[] }>(await call(WITH_LEARNER), 'progressEvents').nodes;
    expect(nodes.map((n) => n.learner).sort((x, y) => x.id.localeCompare(y.id))).toEqual([
      { __typename: 'Learner', id: 'auth0|ana' },
      { __typename: 'Learner', id: 'beto' },
    ]);
    for (const node of nodes) expect(node.learner.id).toBe(node.learnerId);
    // Also when the event itself is reached as an entity.
    expect(dataOf(await call(EVENT_ENTITY, { reps: [{ __typename: 'ProgressEvent', id: recorded.id }] }), '_entities')).toEqual([{ learner: { id: 'auth0|ana' } }]);
  });
});
