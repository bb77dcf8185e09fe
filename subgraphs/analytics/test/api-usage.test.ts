import { randomUUID } from 'node:crypto';
import { newEvent } from '@academy/event-bus';
import { ALL_TENANTS, type DatabaseDialect, forkWithTenantScope } from '@academy/subgraph-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_OPERATION_RECORDED, API_USAGE_CONSUMER_GROUP, type ApiOperationRecord } from '../src';
import { ApiRequestEntity, apiUsageHandler } from '../src/modules/usage';
import { type AnalyticsHarness, amqpUrl, dataOf, dialects, eventually, logger, startAnalytics } from './support';
import { expectedUsage, type UsageDay, usageRecords } from './usage-fixtures';

const buses = [
  { bus: 'in-process', enabled: true },
  { bus: 'rabbitmq', enabled: amqpUrl !== null },
] as const;
const modes = dialects.flatMap((d) => buses.map((b) => ({ dialect: d.name as DatabaseDialect, bus: b.bus, enabled: d.enabled && b.enabled })));

const USAGE = `query($from: DateTimeISO!, $to: DateTimeISO!, $operationName: String) {
  apiUsage(from: $from, to: $to, operationName: $operationName) {
    day operationName requests errors rejected totalEstimatedCost totalActualCost averageLatencyMs p95LatencyMs
  }
}`;
const RANGE = { from: '2026-01-01T00:00:00.000Z', to: '2026-02-01T00:00:00.000Z' };
const admin = (tenantId: string) => ({ tenantId, subject: `admin-${tenantId.slice(0, 8)}`, roles: ['tenant_admin'] });

describe.each(modes)('analytics API usage on $dialect with the $bus bus', ({ dialect, bus, enabled }) => {
  let harness: AnalyticsHarness;
  const publish = (records: ApiOperationRecord | ApiOperationRecord[], tenantId: string | null) =>
    harness.infrastructure.bus.publish(newEvent(API_OPERATION_RECORDED, tenantId, Array.isArray(records) ? { records } : records));
  const rowsOf = (tenantId: string) => forkWithTenantScope(harness.runtime.database.orm.em, ALL_TENANTS).count(ApiRequestEntity, { tenantId });
  const usageOf = async (tenantId: string, variables: Record<string, unknown> = RANGE) => dataOf<UsageDay[]>(await harness.as(admin(tenantId))(USAGE, variables), 'apiUsage');
  const codeOf = async (principal: Parameters<AnalyticsHarness['as']>[0], variables: Record<string, unknown> = RANGE) =>
    (await harness.as(principal)(USAGE, variables)).body.errors?.[0]?.extensions?.code;

  beforeAll(async () => {
    // Short retries, so a malformed event reaches the dead letters within the test.
    if (enabled) harness = await startAnalytics(dialect, { bus, consumeOptions: { maxAttempts: 2, retryDelayMs: 10 } });
  });
  afterAll(() => harness?.close());

  it.runIf(enabled)('stores single and batched events from the bus and reports them per UTC day and operation', async () => {
    const tenantId = randomUUID();
    const records = usageRecords(tenantId);
    // The first as an event of its own, the rest in batches of ten, as the gateway batches them.
    await publish(records[0]!, tenantId);
    for (let start = 1; start < records.length; start += 10) await publish(records.slice(start, start + 10), tenantId);
    await eventually(async () => (await rowsOf(tenantId)) === records.length);

    expect(await usageOf(tenantId)).toEqual(expectedUsage(records, RANGE));
    const narrowed = { from: '2026-01-10T00:00:00.000Z', to: '2026-01-11T00:00:00.000Z', operationName: 'TenantOverview' };
    const expected = expectedUsage(records, narrowed);
    expect(expected.length).toBe(1);
    expect(await usageOf(tenantId, narrowed)).toEqual(expected);
  });

  it.runIf(enabled)('shows each tenant admin only their own tenant’s usage, also from batches across tenants', async () => {
    const [a, b] = [randomUUID(), randomUUID()];
    const [forA, forB] = [usageRecords(a).slice(0, 7), usageRecords(b).slice(5, 20)];
    // The gateway may batch several tenants' operations into one event, which then names no tenant.
    await publish([...forA, ...forB], null);
    await eventually(async () => (await rowsOf(a)) === forA.length && (await rowsOf(b)) === forB.length);
    expect(await usageOf(b)).toEqual(expectedUsage(forB, RANGE));
    expect(await usageOf(a)).toEqual(expectedUsage(forA, RANGE));
    // A platform admin acting inside tenant B sees B's, not everyone's.
    const platform = dataOf<UsageDay[]>(await harness.as({ tenantId: b, subject: 'ops', roles: ['platform_admin'] })(USAGE, RANGE), 'apiUsage');
    expect(platform).toEqual(expectedUsage(forB, RANGE));
  });

  it.runIf(enabled)('refuses every caller but tenant and platform admins', async () => {
    const tenantId = randomUUID();
    expect(await codeOf({ tenantId, subject: 'ana', roles: ['learner'] })).toBe('FORBIDDEN');
    expect(await codeOf({ tenantId, subject: 'teacher', roles: ['instructor'] })).toBe('FORBIDDEN');
    expect(await codeOf({ tenantId, subject: 'key-1', roles: ['partner'], authMethod: 'api_key', scopes: ['analytics:read'] })).toBe('FORBIDDEN');
    expect(await codeOf({ tenantId, subject: null, roles: [], authMethod: 'anonymous' })).toBe('UNAUTHENTICATED');
    expect(await codeOf({ tenantId: null, subject: 'admin', roles: ['tenant_admin'] })).toBe('TENANT_REQUIRED');
    expect(await usageOf(tenantId)).toEqual([]);
  });

  it.runIf(enabled)('answers ranges over 92 days or running backwards with BAD_USER_INPUT', async () => {
    const tenantId = randomUUID();
    const at = (day: number) => new Date(Date.UTC(2026, 0, 1) + day * 86_400_000).toISOString();
    expect(await codeOf(admin(tenantId), { from: at(0), to: at(93) })).toBe('BAD_USER_INPUT');
    expect(await codeOf(admin(tenantId), { from: at(5), to: at(5) })).toBe('BAD_USER_INPUT');
    expect(await codeOf(admin(tenantId), { from: at(5), to: at(4) })).toBe('BAD_USER_INPUT');
    expect(await usageOf(tenantId, { from: at(0), to: at(92) })).toEqual([]);
  });

  it.runIf(enabled)('stores a redelivered event once', async () => {
    const tenantId = randomUUID();
    const event = newEvent(API_OPERATION_RECORDED, tenantId, { records: usageRecords(tenantId).slice(0, 5) });
    const handle = apiUsageHandler(harness.runtime.database.orm, dialect, logger);
    await handle(event);
    await handle(structuredClone(event));
    expect(await rowsOf(tenantId)).toBe(5);
  });

  it.runIf(enabled)('dead-letters malformed events whole and keeps consuming', async () => {
    const tenantId = randomUUID();
    const [good, ...rest] = usageRecords(tenantId);
    const malformed = [
      newEvent(API_OPERATION_RECORDED, tenantId, { ...good!, status: 'fine' }),
      newEvent(API_OPERATION_RECORDED, tenantId, { records: [rest[0]!, { ...rest[1]!, latencyMs: 'slow' }] }),
      newEvent(API_OPERATION_RECORDED, tenantId, { records: [{ ...rest[2]!, tenantId: randomUUID() }] }),
      newEvent(API_OPERATION_RECORDED, tenantId, 'not a record'),
    ];
    for (const event of malformed) await harness.infrastructure.bus.publish(event);
    await publish(rest.slice(3, 6), tenantId);
    const letters = await eventually(async () => {
      const dead = (await harness.infrastructure.bus.deadLetters(API_USAGE_CONSUMER_GROUP)).filter((l) => malformed.some((e) => e.id === l.event.id));
      return dead.length === malformed.length && dead;
    });
    for (const letter of letters) expect(letter.reason).toMatch(/^malformed api\.operation\.recorded event: payload/);
    // Nothing of a refused batch is stored, the valid event after them is.
    await eventually(async () => (await rowsOf(tenantId)) === 3);
  });
});
