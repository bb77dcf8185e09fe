import { afterEach, describe } from 'vitest';
import type { EventBus } from '../src/event-bus';
import { createInProcessEventBus } from '../src/in-process/in-process-event-bus';
import { createRabbitMqEventBus } from '../src/rabbitmq/rabbitmq-event-bus';
import { groupQueue } from '../src/rabbitmq/topology';
import { AMQP_URL, deleteTopology, describeWithRabbit, queuesOf, silentLogger, uniquePrefix } from './rabbitmq-services';

/** Retry settings that keep tests fast; their delays (20, 40 ms) name the retry queues to clean up. */
export const FAST_RETRIES = { maxAttempts: 3, retryDelayMs: 20 } as const;
/** A retry still pending when a test ends. */
export const SLOW_RETRY_DELAY_MS = 5000;
const RETRY_DELAYS = [20, 40, SLOW_RETRY_DELAY_MS];

export interface BusHarness {
  readinessName: string;
  /** A bus closed after each test; every bus of one harness shares the broker namespace. */
  open(): Promise<EventBus>;
  /** A group name not used by any other test, so durable queues never leak events between tests. */
  group(): string;
}

function harness(readinessName: string, create: () => Promise<EventBus>) {
  const buses: EventBus[] = [];
  const groups: string[] = [];
  const value: BusHarness = {
    readinessName,
    open: async () => {
      const bus = await create();
      buses.push(bus);
      return bus;
    },
    group: () => {
      const name = `group-${groups.length + 1}`;
      groups.push(name);
      return name;
    },
  };
  const closeAll = () => Promise.all(buses.splice(0).map((bus) => bus.close()));
  return { value, closeAll, groups };
}

/**
 * Registers the same suite for both implementations: whatever holds in-process must hold on
 * RabbitMQ, which is the point of having one interface.
 */
export function describeEachBus(title: string, body: (bus: BusHarness) => void): void {
  describe(`${title} (in-process)`, () => {
    const { value, closeAll } = harness('event-bus', async () => createInProcessEventBus({ logger: silentLogger }));
    afterEach(closeAll);
    body(value);
  });

  const prefix = uniquePrefix();
  const { value, closeAll, groups } = harness('rabbitmq', () => createRabbitMqEventBus({ url: AMQP_URL, logger: silentLogger, prefix }));
  const cleanup = () =>
    deleteTopology(
      groups.flatMap((group) => queuesOf(groupQueue(prefix, group), RETRY_DELAYS)),
      [`${prefix}academy.events`],
    );
  describeWithRabbit(
    `${title} (rabbitmq)`,
    () => {
      afterEach(closeAll);
      body(value);
    },
    cleanup,
  );
}
