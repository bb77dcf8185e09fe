import type { Logger, Registry } from '@academy/service-kit';
import type { EventBus } from './event-bus';
import { createEventBusMetrics } from './event-bus-metrics';
import { observeEventBus } from './observe-event-bus';
import { traceEventBus } from './trace-event-bus';
import { createInProcessEventBus } from './in-process/in-process-event-bus';
import { createRabbitMqEventBus } from './rabbitmq/rabbitmq-event-bus';

export interface EventBusOptions {
  /** RabbitMQ when set; otherwise in-process, which reaches no other process (tests, one replica). */
  amqpUrl?: string | null;
  logger: Logger;
  /** Prefix of exchange and queue names on RabbitMQ. @default '' */
  prefix?: string;
  /** Counts publishes, handler runs, dead letters and queue depths here. @default not counted */
  metrics?: Registry;
}

export async function createEventBus({ amqpUrl, logger, prefix, metrics }: EventBusOptions): Promise<EventBus> {
  const observer = metrics ? createEventBusMetrics(metrics) : undefined;
  const onDeadLetter = observer && ((group: string, type: string) => observer.deadLettered(group, type));
  let bus: EventBus;
  if (amqpUrl) bus = await createRabbitMqEventBus({ url: amqpUrl, logger, prefix, onDeadLetter });
  else {
    logger.info('no AMQP URL configured: domain events stay inside this process');
    bus = createInProcessEventBus({ logger, onDeadLetter });
  }
  const traced = traceEventBus(bus);
  return observer ? observeEventBus(traced, observer) : traced;
}
