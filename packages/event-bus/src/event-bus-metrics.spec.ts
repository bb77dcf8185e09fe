import { createMetricsRegistry, type Registry } from '@academy/service-kit';
import { afterEach, describe, expect, it } from 'vitest';
import { AMQP_URL, deleteTopology, describeWithRabbit, queuesOf, silentLogger, uniquePrefix, waitFor } from '../test/rabbitmq-services';
import { createEventBus } from './create-event-bus';
import { newEvent } from './domain-event';
import type { EventBus } from './event-bus';
import { groupQueue } from './rabbitmq/topology';

async function value(registry: Registry, name: string, labels: Record<string, string> = {}): Promise<number> {
  const metric = await registry.getSingleMetric(name)?.get();
  return (metric?.values ?? [])
    .filter((v) => Object.entries(labels).every(([key, expected]) => String(v.labels[key]) === expected))
    .reduce((sum, v) => sum + v.value, 0);
}

const fail = async () => {
  throw new Error('cannot handle this');
};

/** Publishes, handles, fails into dead letters and queues on `bus`, checking every family moves. */
async function exerciseBus(bus: EventBus, registry: Registry, group: string) {
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  const handled: string[] = [];
  await bus.consume(
    group,
    ['metrics.#'],
    async (event) => {
      if (event.type === 'metrics.poison') return fail();
      if (event.type === 'metrics.slow') await held;
      handled.push(event.id);
    },
    { maxAttempts: 2, retryDelayMs: 10, concurrency: 1 },
  );
  await bus.publish(newEvent('metrics.ok', 't1', {}));
  await waitFor(() => handled.length === 1);
  expect(await value(registry, 'academy_event_bus_published_total', { type: 'metrics.ok', outcome: 'ok' })).toBe(1);
  expect(await value(registry, 'academy_event_bus_consumed_total', { group, type: 'metrics.ok', outcome: 'ok' })).toBe(1);

  await bus.publish(newEvent('metrics.poison', 't1', {}));
  await waitFor(async () => (await value(registry, 'academy_event_bus_dead_lettered_total', { group, type: 'metrics.poison' })) === 1);
  expect(await value(registry, 'academy_event_bus_consumed_total', { group, type: 'metrics.poison', outcome: 'failed' })).toBe(2);

  // One slow event holds the only slot; the next two wait in the queue.
  await bus.publish(newEvent('metrics.slow', 't1', {}));
  await bus.publish(newEvent('metrics.ok', 't1', {}));
  await bus.publish(newEvent('metrics.ok', 't1', {}));
  await waitFor(async () => (await bus.queueDepth(group)) === 2);
  const text = await registry.metrics();
  expect(text).toContain(`academy_event_bus_queue_depth{group="${group}",service="test"} 2`);
  release();
  await waitFor(() => handled.length === 4);
  await waitFor(async () => (await bus.queueDepth(group)) === 0);
}

describe('event bus metrics (in-process)', () => {
  const buses: EventBus[] = [];
  afterEach(async () => {
    await Promise.all(buses.splice(0).map((bus) => bus.close()));
  });

  it('count publishes, handler runs, dead letters and the queue depth', async () => {
    const registry = createMetricsRegistry('test', { processMetrics: false });
    const bus = await createEventBus({ logger: silentLogger, metrics: registry });
    buses.push(bus);
    await exerciseBus(bus, registry, 'metrics-group');
  });
});

const prefix = uniquePrefix();
describeWithRabbit(
  'event bus metrics (RabbitMQ)',
  () => {
    it('count publishes, handler runs, dead letters and the queue depth', async () => {
      const registry = createMetricsRegistry('test', { processMetrics: false });
      const bus = await createEventBus({ amqpUrl: AMQP_URL, logger: silentLogger, prefix, metrics: registry });
      try {
        await exerciseBus(bus, registry, 'metrics-group');
      } finally {
        await bus.close();
      }
    });
  },
  () => deleteTopology(queuesOf(groupQueue(prefix, 'metrics-group'), [10]), [`${prefix}academy.events`], AMQP_URL),
);
