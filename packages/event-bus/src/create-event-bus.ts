import type { Logger } from '@academy/service-kit';
import type { EventBus } from './event-bus';
import { createInProcessEventBus } from './in-process/in-process-event-bus';
import { createRabbitMqEventBus } from './rabbitmq/rabbitmq-event-bus';

export interface EventBusOptions {
  /** RabbitMQ when set; otherwise in-process, which reaches no other process (tests, one replica). */
  amqpUrl?: string | null;
  logger: Logger;
  /** Prefix of exchange and queue names on RabbitMQ. @default '' */
  prefix?: string;
}

export async function createEventBus({ amqpUrl, logger, prefix }: EventBusOptions): Promise<EventBus> {
  if (amqpUrl) return createRabbitMqEventBus({ url: amqpUrl, logger, prefix });
  logger.info('no AMQP URL configured: domain events stay inside this process');
  return createInProcessEventBus({ logger });
}
