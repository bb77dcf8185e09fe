import { randomUUID } from 'node:crypto';
import { createEventBus, type DomainEvent, type EventBus, newEvent } from '@academy/event-bus';
import { ALL_TENANTS, forkWithTenantScope } from '@academy/subgraph-kit';
import { startTcpProxy, type TcpProxy } from '@academy/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COURSE_COMPLETED, PROGRESS_REPORTED } from '../src';
import { AnalyticsEventEntity } from '../src/modules/events';
import { type AnalyticsHarness, amqpUrl, dataOf, deleteRabbitTopology, eventually, logger, postgresAdminUrl, startAnalytics } from './support';

const EVENTS = 400;
const PER_MESSAGE = 10;
const COMPLETIONS_GROUP = 'test.outage.completions';

describe.runIf(amqpUrl !== null)('the analytics pipeline through a RabbitMQ outage', () => {
  let proxy: TcpProxy;
  let harness: AnalyticsHarness & { prefix: string };
  let producer: EventBus;
  beforeAll(async () => {
    const target = new URL(amqpUrl!);
    proxy = await startTcpProxy(target.hostname, Number(target.port || 5672));
    const viaProxy = new URL(amqpUrl!);
    viaProxy.hostname = '127.0.0.1';
    viaProxy.port = String(proxy.port);
    harness = await startAnalytics(postgresAdminUrl ? 'postgresql' : 'sqlite', { bus: 'rabbitmq', amqpUrl: viaProxy.toString(), consumeOptions: { retryDelayMs: 50 } });
    // Producers reach RabbitMQ directly: the outage is analytics' alone, as when its node or link fails.
    producer = await createEventBus({ amqpUrl: amqpUrl!, logger, prefix: harness.prefix });
  });
  afterAll(async () => {
    await producer?.close();
    proxy?.resume();
    await harness?.close();
    await proxy?.close();
    if (harness) await deleteRabbitTopology(amqpUrl!, harness.prefix, { retryDelayMs: 50 }, [COMPLETIONS_GROUP]);
  });

  it('loses no event and no completion when the connection is cut mid-ingest and restored', async () => {
    const tenantId = randomUUID();
    const call = harness.as({ tenantId, roles: ['tenant_admin'] });
    dataOf(await call('mutation { registerCourse(input: { courseId: "c1", title: "Uno", standardCode: "EC0217" }) { courseId } }'), 'registerCourse');
    const completions: DomainEvent[] = [];
    const stop = await producer.consume(COMPLETIONS_GROUP, [COURSE_COMPLETED], async (event) => {
      if (event.tenantId === tenantId) completions.push(event);
    });
    const stored = () => forkWithTenantScope(harness.runtime.database.orm.em, ALL_TENANTS).count(AnalyticsEventEntity, { tenantId });
    const message = (first: number) =>
      newEvent(PROGRESS_REPORTED, tenantId, {
        events: Array.from({ length: PER_MESSAGE }, (_, i) => ({
          learnerId: `learner-${first + i}`,
          courseId: 'c1',
          percent: 50,
          occurredAt: new Date().toISOString(),
          clientEventId: `outage-${first + i}`,
        })),
      });

    for (let first = 0; first < EVENTS; first += PER_MESSAGE) {
      if (first === EVENTS / 2) {
        proxy.interrupt();
        // Recorded while analytics cannot reach the broker: stored now, its course.completed waits in the outbox.
        dataOf(await call('mutation { recordProgress(input: { learnerId: "ana", courseId: "c1", percent: 100 }) { id } }'), 'recordProgress');
      }
      await producer.publish(message(first));
    }
    expect(await harness.runtime.pipeline.relay.pending()).toBe(1);
    proxy.resume();

    await eventually(async () => (await stored()) === EVENTS + 1, 60_000);
    await eventually(() => completions.length === 1, 60_000);
    await stop();
    expect(completions[0]!.payload).toMatchObject({ learnerId: 'ana', courseId: 'c1', standardCode: 'EC0217' });
    expect(await stored()).toBe(EVENTS + 1);
    expect(await harness.runtime.pipeline.relay.pending()).toBe(0);
  });
});
