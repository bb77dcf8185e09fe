import { randomUUID } from 'node:crypto';
import { ALL_TENANTS, forkWithTenantScope } from '@academy/subgraph-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AnalyticsEventEntity } from '../src/modules/events';
import { type AnalyticsHarness, dataOf, postgresAdminUrl, startAnalytics } from './support';

const monthName = (date: Date) => `analytics_events_y${date.getUTCFullYear()}m${String(date.getUTCMonth() + 1).padStart(2, '0')}`;
const addMonths = (date: Date, months: number) => new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, 1));

describe.runIf(postgresAdminUrl !== null)('analytics_events partitions on PostgreSQL', () => {
  let harness: AnalyticsHarness;
  beforeAll(async () => {
    harness = await startAnalytics('postgresql');
  });
  afterAll(() => harness?.close());

  it('has this month’s and the next three months’ partitions from the start', async () => {
    const names = (await harness.runtime.pipeline.partitions!.list()).map((p) => p.name);
    const now = new Date();
    expect(names).toEqual(expect.arrayContaining([0, 1, 2, 3].map((i) => monthName(addMonths(now, i)))));
    const [first] = await harness.runtime.pipeline.partitions!.list();
    expect(first!.to.getTime() - first!.from.getTime()).toBeGreaterThanOrEqual(28 * 86_400_000);
  });

  it('takes events of any month, and moves a past month out of the default partition into its own', async () => {
    const tenantId = randomUUID();
    const call = harness.as({ tenantId, roles: ['tenant_admin'] });
    const events = [
      { learnerId: 'ana', courseId: 'c1', percent: 10, occurredAt: '2024-03-15T10:00:00Z' },
      { learnerId: 'ana', courseId: 'c1', percent: 20, occurredAt: '2024-03-31T23:59:59Z' },
      { learnerId: 'ana', courseId: 'c1', percent: 30 },
    ];
    expect(dataOf<{ stored: number }>(await call('mutation($e: [ProgressEventItemInput!]!) { recordProgressBatch(events: $e) { stored } }', { e: events }), 'recordProgressBatch').stored).toBe(3);
    const connection = harness.runtime.database.orm.em.getConnection();
    const inDefault = async () => Number((await connection.execute(`select count(*) as n from "analytics"."analytics_events_default" where tenant_id = ?`, [tenantId]))[0].n);
    expect(await inDefault()).toBe(2);

    expect(await harness.runtime.pipeline.partitions!.ensure()).toEqual(['analytics_events_y2024m03']);
    expect(await inDefault()).toBe(0);
    const inMarch = await connection.execute(`select count(*) as n from "analytics"."analytics_events_y2024m03" where tenant_id = ?`, [tenantId]);
    expect(Number(inMarch[0].n)).toBe(2);
    // Nothing lost or duplicated by the move, and the parent still answers for every month.
    expect(await forkWithTenantScope(harness.runtime.database.orm.em, ALL_TENANTS).count(AnalyticsEventEntity, { tenantId })).toBe(3);
    // Indexes follow the parent's onto the new partition.
    const indexes = await connection.execute(`select indexname from pg_indexes where schemaname = 'analytics' and tablename = 'analytics_events_y2024m03'`);
    expect(indexes.length).toBeGreaterThanOrEqual(4);
    expect(await harness.runtime.pipeline.partitions!.ensure()).toEqual([]);
  });
});
