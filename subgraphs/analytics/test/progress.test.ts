import { randomUUID } from 'node:crypto';
import { ALL_TENANTS, forkWithTenantScope, pendingSchemaChanges, tenantScopeOf } from '@academy/subgraph-kit';
import { postGraphQL, testPrincipal } from '@academy/testing';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrations } from '../src/migrations';
import { AnalyticsEventEntity } from '../src/modules/events';
import { EventPipeline, type IngestItem } from '../src/modules/pipeline';
import { analyticsEntities, analyticsUnmanagedTables } from '../src/schema';
import { type AnalyticsHarness, dataOf, dialects, logger, postgresAdminUrl, RECORD, startAnalytics } from './support';

interface Event {
  id: string;
  learnerId: string;
  courseId: string;
  percent: number;
  occurredAt: string;
  standard: { code: string } | null;
}

const LIST = `query($learnerId: String, $courseId: String, $first: Int, $after: String) {
  progressEvents(learnerId: $learnerId, courseId: $courseId, first: $first, after: $after) {
    totalCount nodes { id learnerId courseId percent occurredAt standard { code } } pageInfo { hasNextPage endCursor }
  }
}`;

describe.each(dialects)('analytics progress events on $name', ({ name, enabled }) => {
  let harness: AnalyticsHarness;
  beforeAll(async () => {
    if (enabled) harness = await startAnalytics(name);
  });
  afterAll(async () => harness?.close());

  it.runIf(enabled)('records progress for the caller’s tenant and lists it newest first', async () => {
    const call = harness.as({ tenantId: randomUUID() });
    const before = Date.now();
    const recorded = dataOf<Event>(await call(RECORD, { input: { learnerId: 'ana', courseId: 'c1', standardCode: 'EC0217', percent: 40 } }), 'recordProgress');
    expect(recorded).toMatchObject({ learnerId: 'ana', courseId: 'c1', percent: 40, standard: { code: 'EC0217' } });
    expect(Date.parse(recorded.occurredAt)).toBeGreaterThanOrEqual(before - 1000);
    await call(RECORD, { input: { learnerId: 'ana', courseId: 'c2', percent: 12.5, occurredAt: '2026-01-01T10:00:00Z' } });
    await call(RECORD, { input: { learnerId: 'beto', courseId: 'c1', percent: 100, occurredAt: '2026-01-02T10:00:00Z' } });

    const all = dataOf<{ totalCount: number; nodes: Event[] }>(await call(LIST), 'progressEvents');
    expect(all.totalCount).toBe(3);
    expect(all.nodes.map((n) => [n.learnerId, n.courseId])).toEqual([['ana', 'c1'], ['beto', 'c1'], ['ana', 'c2']]);
    expect(all.nodes[2]).toMatchObject({ percent: 12.5, occurredAt: '2026-01-01T10:00:00.000Z', standard: null });

    const ana = dataOf<{ totalCount: number }>(await call(LIST, { learnerId: 'ana' }), 'progressEvents');
    const c1 = dataOf<{ totalCount: number }>(await call(LIST, { courseId: 'c1' }), 'progressEvents');
    expect([ana.totalCount, c1.totalCount]).toEqual([2, 2]);

    const page1 = dataOf<{ nodes: Event[]; pageInfo: { hasNextPage: boolean; endCursor: string } }>(await call(LIST, { first: 2 }), 'progressEvents');
    const page2 = dataOf<{ nodes: Event[]; pageInfo: { hasNextPage: boolean } }>(await call(LIST, { first: 2, after: page1.pageInfo.endCursor }), 'progressEvents');
    expect([page1.pageInfo.hasNextPage, page2.pageInfo.hasNextPage]).toEqual([true, false]);
    expect([...page1.nodes, ...page2.nodes].map((n) => n.id)).toEqual(all.nodes.map((n) => n.id));
  });

  it.runIf(enabled)('stores a repeated clientEventId once per tenant, even when the retries race', async () => {
    const tenantA = harness.as({ tenantId: randomUUID() });
    const input = { learnerId: 'ana', courseId: 'c1', percent: 50, clientEventId: 'retry-1' };
    const results = await Promise.all(Array.from({ length: 5 }, () => tenantA(RECORD, { input })));
    const ids = new Set(results.map((r) => dataOf<Event>(r, 'recordProgress').id));
    expect(ids.size).toBe(1);
    const again = dataOf<Event>(await tenantA(RECORD, { input: { ...input, percent: 75 } }), 'recordProgress');
    expect(again).toMatchObject({ id: [...ids][0], percent: 50 });
    expect(dataOf<{ totalCount: number }>(await tenantA(LIST), 'progressEvents').totalCount).toBe(1);

    // The same client id from another tenant is another event.
    const tenantB = harness.as({ tenantId: randomUUID() });
    expect(dataOf<Event>(await tenantB(RECORD, { input }), 'recordProgress').id).not.toBe([...ids][0]);
  });

  it.runIf(enabled)('stores a client event id once when two replicas’ pipelines race for it', async () => {
    const tenantId = randomUUID();
    const { orm, dialect } = harness.runtime.database;
    // A second replica: its own pipeline on the same database.
    const other = new EventPipeline({ em: forkWithTenantScope(orm.em, ALL_TENANTS) as SqlEntityManager, dialect, logger });
    const item = (percent: number): IngestItem => ({
      kind: 'progress',
      source: 'api',
      tenantId,
      tenantVerified: true,
      data: { learnerId: 'ana', courseId: 'c1', percent, clientEventId: 'raced' },
      receivedAt: new Date(),
    });
    const results = await Promise.all([harness.runtime.pipeline.pipeline.ingest([item(20)]), other.ingest([item(90)])]);
    await other.close();
    const statuses = results.map(([result]) => result!.status).sort();
    expect(statuses).toEqual(['duplicate', 'stored']);
    const ids = results.map(([result]) => (result!.status === 'stored' ? result!.event.id : result!.status === 'duplicate' ? result!.eventId : null));
    expect(ids[0]).toBe(ids[1]);
    const scoped = forkWithTenantScope(orm.em, tenantScopeOf(testPrincipal({ tenantId, roles: ['tenant_admin'] })));
    expect(await scoped.count(AnalyticsEventEntity, { tenantId })).toBe(1);
  });

  it.runIf(enabled)('answers invalid input with BAD_USER_INPUT naming the field', async () => {
    const call = harness.as({ tenantId: randomUUID() });
    const valid = { learnerId: 'ana', courseId: 'c1', percent: 10 };
    const cases: [Record<string, unknown>, string][] = [
      [{ percent: 101 }, 'percent'],
      [{ percent: -1 }, 'percent'],
      [{ occurredAt: new Date(Date.now() + 10 * 60_000).toISOString() }, 'occurredAt'],
      [{ standardCode: 'EC217' }, 'standardCode'],
      [{ standardCode: 'ec0217' }, 'standardCode'],
      [{ clientEventId: 'x'.repeat(101) }, 'clientEventId'],
      [{ learnerId: '' }, 'learnerId'],
    ];
    for (const [override, field] of cases) {
      const { body } = await call(RECORD, { input: { ...valid, ...override } });
      expect(body.errors?.[0]?.extensions, JSON.stringify(override)).toMatchObject({ code: 'BAD_USER_INPUT', fields: [expect.objectContaining({ field })] });
    }
    const slightlyAhead = await call(RECORD, { input: { ...valid, standardCode: 'EC0217.01', occurredAt: new Date(Date.now() + 60_000).toISOString() } });
    expect(slightlyAhead.body.errors).toBeUndefined();
    expect(dataOf<{ totalCount: number }>(await call(LIST), 'progressEvents').totalCount).toBe(1);
    for (const variables of [{ first: 0 }, { first: 101 }, { after: 'nope' }]) {
      expect((await call(LIST, variables)).body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
  });

  it.runIf(enabled)('refuses tenant-less callers with TENANT_REQUIRED, even platform admins', async () => {
    for (const principal of [{ tenantId: null }, { tenantId: null, roles: ['platform_admin'] }]) {
      const call = harness.as(principal);
      const write = await call(RECORD, { input: { learnerId: 'ana', courseId: 'c1', percent: 10 } });
      expect(write.body.errors?.[0]?.extensions?.code).toBe('TENANT_REQUIRED');
      expect(write.status).toBe(400); // Apollo answers with the registry's status when the operation has no data.
      expect((await call(LIST)).body.errors?.[0]?.extensions?.code).toBe('TENANT_REQUIRED');
    }
  });

  it.runIf(enabled)('refuses requests without a valid gateway context token', async () => {
    const missing = await postGraphQL(harness.url, '{ progressEvents { totalCount } }');
    expect(missing.status).toBe(401);
    expect(missing.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const garbage = await postGraphQL(harness.url, '{ progressEvents { totalCount } }', {}, { 'x-academy-context': 'not.a.token' });
    expect(garbage.status).toBe(401);
  });

  it.runIf(enabled)('has committed migrations that match the entities', async () => {
    const options = { service: 'analytics', entities: analyticsEntities, unmanagedTables: analyticsUnmanagedTables, migrations, logger, migrationsDir: '', postgresAdminUrl: postgresAdminUrl ?? '' };
    expect(await pendingSchemaChanges(options, name)).toBe('');
  });
});
