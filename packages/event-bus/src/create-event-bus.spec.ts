import { describe, expect, it } from 'vitest';
import { AMQP_URL, deleteTopology, describeWithRabbit, silentLogger, uniquePrefix } from '../test/rabbitmq-services';
import { createEventBus } from './create-event-bus';

const prefix = uniquePrefix();

describe('createEventBus without an AMQP URL', () => {
  it('is in-process', async () => {
    const bus = await createEventBus({ amqpUrl: null, logger: silentLogger });
    expect(bus.readiness().name).toBe('event-bus');
    await bus.close();
  });
});

describeWithRabbit(
  'createEventBus with an AMQP URL',
  () => {
    it('is RabbitMQ', async () => {
      const bus = await createEventBus({ amqpUrl: AMQP_URL, logger: silentLogger, prefix });
      expect(bus.readiness().name).toBe('rabbitmq');
      await bus.close();
    });
  },
  () => deleteTopology([], [`${prefix}academy.events`]),
);
