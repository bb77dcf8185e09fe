import { randomUUID } from 'node:crypto';
import { newEvent } from '@academy/event-bus';
import type { Principal } from '@academy/service-kit';
import { ALL_TENANTS, forkWithTenantScope } from '@academy/subgraph-kit';
import { scrape, total } from '@academy/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_OPERATION_RECORDED, type ApiOperationRecord } from '../src';
import { ApiRequestEntity } from '../src/modules/usage';
import { type AnalyticsHarness, dataOf, dialects, eventually, startAnalytics } from './support';

const HEALTH = `{ integrationHealth { id
  apiGateway { windowSeconds requestRate errorRate responseTime tenantDistribution { tenant requests } history { at requestRate errorRate responseTime } }
  dataPipeline { eventsProcessed processingLatency queueDepth errorRate history { at eventsProcessed processingLatency errorRate } } } }`;
const BATCH = 'mutation($events: [ProgressEventItemInput!]!) { recordProgressBatch(events: $events) { stored duplicates rejected } }';
const platformAdmin: Partial<Principal> = { tenantId: null, subject: 'ops', roles: ['platform_admin'], authMethod: 'jwt' };

interface Health {
  id: string;
  apiGateway: {
    windowSeconds: number;
    requestRate: number;
    errorRate: number;
    responseTime: number;
    tenantDistribution: { tenant: string; requests: number }[];
    history: { at: string; requestRate: number; errorRate: number; responseTime: number }[];
  };
  dataPipeline: { eventsProcessed: number; processingLatency: number; queueDepth: number; errorRate: number; history: { at: string; eventsProcessed: number; processingLatency: number; errorRate: number }[] };
}

/** The nearest-rank p95 (the ⌈0.95·n⌉-th smallest), computed apart from the SQL. */
function p95(latencies: number[]): number {
  const sorted = [...latencies].sort((a, b) => a - b);
  return sorted[Math.ceil(0.95 * sorted.length) - 1] ?? 0;
}

/**
 * Operations of 13 tenants as the gateway records them: inside the 5-minute window (tenant `t00` the
 * busiest, down to `t12`), 20 minutes ago (history only) and 2 hours ago (neither). Every 4th fails,
 * every 7th was refused by a limit (not a failure). Latencies are multiples of 0.25: sums are exact.
 */
function records(now: number): ApiOperationRecord[] {
  const made: ApiOperationRecord[] = [];
  const add = (tenant: string, at: number, i: number) =>
    made.push({
      tenantId: tenant,
      principalKind: 'user',
      principalId: 'u',
      operationName: 'Health',
      operationType: 'query',
      estimatedCost: 1,
      actualCost: 1,
      status: i % 4 === 0 ? 'error' : i % 7 === 0 ? 'rejected' : 'ok',
      rejectionCode: i % 4 !== 0 && i % 7 === 0 ? 'THROTTLED' : null,
      latencyMs: ((i * 37) % 101) + 0.25 * (i % 4),
      at: new Date(at).toISOString(),
    });
  let i = 0;
  for (let t = 0; t < 13; t++) for (let n = 0; n < 14 - t; n++) add(`t${String(t).padStart(2, '0')}`, now - 30_000 - n * 15_000, i++);
  for (let n = 0; n < 9; n++) add('t00', now - 20 * 60_000, i++);
  for (let n = 0; n < 5; n++) add('t00', now - 2 * 3600_000, i++);
  return made;
}

describe.each(dialects)('integrationHealth on $name', ({ name, enabled }) => {
  let harness: AnalyticsHarness;
  const admin = () => harness.as(platformAdmin);
  const metricsUrl = () => harness.url.replace(/\/graphql$/, '');

  beforeAll(async () => {
    if (enabled) harness = await startAnalytics(name);
  });
  afterAll(() => harness?.close());

  it.runIf(enabled)('computes the gateway figures from the usage log, over every tenant, and its hourly history', async () => {
    const now = Date.now();
    const all = records(now);
    await harness.infrastructure.bus.publish(newEvent(API_OPERATION_RECORDED, null, { records: all }));
    await eventually(async () => (await forkWithTenantScope(harness.runtime.database.orm.em, ALL_TENANTS).count(ApiRequestEntity, {})) === all.length);

    const health = dataOf<Health>(await admin()(HEALTH), 'integrationHealth');
    const answeredAt = Date.now();
    expect(health.id).toBe('platform');
    const inWindow = all.filter((r) => Date.parse(r.at) >= now - 300_000);
    const { apiGateway } = health;
    expect(apiGateway.windowSeconds).toBe(300);
    expect(apiGateway.requestRate).toBeCloseTo(inWindow.length / 300, 9);
    expect(apiGateway.errorRate).toBeCloseTo(inWindow.filter((r) => r.status === 'error').length / inWindow.length, 9);
    expect(apiGateway.responseTime).toBe(p95(inWindow.map((r) => r.latencyMs)));
    // t00 … t09 by name, busiest first, then t10 + t11 + t12 as `other` (4 + 3 + 2 + 1… requests).
    expect(apiGateway.tenantDistribution).toEqual([
      ...Array.from({ length: 10 }, (_, t) => ({ tenant: `t${String(t).padStart(2, '0')}`, requests: 14 - t })),
      { tenant: 'other', requests: 4 + 3 + 2 },
    ]);

    const inHour = all.filter((r) => Date.parse(r.at) >= now - 3600_000);
    const minutes = new Map<number, ApiOperationRecord[]>();
    for (const r of inHour) minutes.set(Math.floor(Date.parse(r.at) / 60_000), [...(minutes.get(Math.floor(Date.parse(r.at) / 60_000)) ?? []), r]);
    const expected = [...minutes].sort(([a], [b]) => a - b);
    expect(apiGateway.history.map((m) => Date.parse(m.at))).toEqual(expected.map(([minute]) => minute * 60_000));
    apiGateway.history.forEach((m, k) => {
      const rows = expected[k]![1];
      expect(m.errorRate).toBeCloseTo(rows.filter((r) => r.status === 'error').length / rows.length, 9);
      expect(m.responseTime).toBe(p95(rows.map((r) => r.latencyMs)));
      const seconds = Math.min(60, (answeredAt - Date.parse(m.at)) / 1000);
      // A finished minute is divided by 60 s; the current one by the seconds elapsed (read a moment before `answeredAt`).
      if (seconds >= 60) expect(m.requestRate).toBeCloseTo(rows.length / 60, 9);
      else expect(m.requestRate).toBeGreaterThanOrEqual(rows.length / 60);
    });
  });

  it.runIf(enabled)('reports the pipeline in integrationHealth and on /metrics, moved by real events', async () => {
    const before = await scrape(metricsUrl());
    const beforeHealth = dataOf<Health>(await admin()(HEALTH), 'integrationHealth').dataPipeline;
    const tenantAdmin = harness.as({ tenantId: randomUUID(), subject: 'admin', roles: ['tenant_admin'] });
    const events = [
      { learnerId: 'ana', courseId: 'c1', percent: 10, clientEventId: 'h1' },
      { learnerId: 'ana', courseId: 'c1', percent: 10, clientEventId: 'h1' },
      { learnerId: 'beto', courseId: 'c1', percent: 20 },
      { learnerId: 'ana', courseId: 'c1', percent: 300 },
    ];
    expect(dataOf(await tenantAdmin(BATCH, { events }), 'recordProgressBatch')).toEqual({ stored: 2, duplicates: 1, rejected: 1 });

    const after = await scrape(metricsUrl());
    const moved = (metric: string, labels: Record<string, string> = {}) => total(after, metric, labels) - total(before, metric, labels);
    expect(moved('academy_pipeline_events_processed_total', { outcome: 'stored' })).toBe(2);
    expect(moved('academy_pipeline_events_processed_total', { outcome: 'duplicate' })).toBe(1);
    expect(moved('academy_pipeline_events_processed_total', { outcome: 'dead_lettered' })).toBe(1);
    expect(moved('academy_pipeline_processing_seconds_count')).toBe(4);
    expect(moved('academy_pipeline_processing_seconds_sum')).toBeGreaterThan(0);
    expect(total(after, 'academy_pipeline_error_rate')).toBeGreaterThan(0);
    expect(after.some((s) => s.name === 'academy_pipeline_queue_depth' && s.value === 0)).toBe(true);

    const pipeline = dataOf<Health>(await admin()(HEALTH), 'integrationHealth').dataPipeline;
    expect(pipeline.eventsProcessed - beforeHealth.eventsProcessed).toBe(4);
    expect(pipeline.errorRate).toBeCloseTo(total(after, 'academy_pipeline_error_rate'), 9);
    expect(pipeline.processingLatency).toBeGreaterThan(0);
    expect(pipeline.queueDepth).toBe(0);
    const minute = pipeline.history.at(-1)!;
    expect(minute.eventsProcessed).toBeGreaterThanOrEqual(4);
    expect(minute.errorRate).toBeGreaterThan(0);
  });

  it.runIf(enabled)('is for platform admins only, on the root field and through _entities', async () => {
    const refusals: [Partial<Principal>, string][] = [
      [{ tenantId: null, subject: null, roles: [], authMethod: 'anonymous' }, 'UNAUTHENTICATED'],
      [{ tenantId: randomUUID(), subject: 'boss', roles: ['tenant_admin'], authMethod: 'jwt' }, 'FORBIDDEN'],
    ];
    const entity = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on IntegrationMetrics { apiGateway { requestRate } dataPipeline { eventsProcessed } } } }';
    for (const [principal, code] of refusals) {
      const root = await harness.as(principal)(HEALTH);
      expect(root.body.errors?.[0]?.extensions?.code).toBe(code);
      expect(root.body.data ?? null).toBeNull();
      const viaEntity = await harness.as(principal)(entity, { r: [{ __typename: 'IntegrationMetrics', id: 'platform' }] });
      expect(viaEntity.body.errors?.[0]?.extensions?.code).toBe(code);
      expect(JSON.stringify(viaEntity.body.data ?? null)).not.toContain('requestRate":');
    }
  });
});
