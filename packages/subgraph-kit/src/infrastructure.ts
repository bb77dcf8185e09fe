import { createKeyValueStore, type KeyValueStore } from '@academy/cache';
import { createEventBus, type EventBus } from '@academy/event-bus';
import type { Logger, ReadinessCheck, Registry } from '@academy/service-kit';

/** The shared servers behind a service: RabbitMQ (or in-process) and Redis (or in-memory). */
export interface Infrastructure {
  bus: EventBus;
  store: KeyValueStore;
  readiness(): ReadinessCheck[];
  close(): Promise<void>;
}

export interface InfrastructureOptions {
  amqpUrl?: string | null;
  redisUrl?: string | null;
  logger: Logger;
  /** Isolates keys, queues and exchanges (tests, several systems on one server). @default '' */
  prefix?: string;
  /** Counts the bus's publishes, handler runs, dead letters and queue depths here. @default not counted */
  metrics?: Registry;
}

/**
 * The embedded default makes one of these for every service in the process, so in-process events
 * and caches are shared exactly as RabbitMQ and Redis share them between processes.
 */
export async function createInfrastructure({ amqpUrl, redisUrl, logger, prefix = '', metrics }: InfrastructureOptions): Promise<Infrastructure> {
  const bus = await createEventBus({ amqpUrl, logger, prefix, metrics });
  const store = createKeyValueStore({ redisUrl, logger, keyPrefix: prefix ? `${prefix}:` : '' });
  return {
    bus,
    store,
    readiness: () => [bus.readiness(), store.readiness()],
    close: async () => {
      await bus.close();
      await store.close();
    },
  };
}
