import type { Logger } from '@academy/service-kit';
import { resolveConsumeOptions } from '../consume-options';
import { assertPublishable, encodeEvent } from '../domain-event';
import type { EventBus, Unsubscribe } from '../event-bus';
import { assertTypes } from '../topic-pattern';
import { withDeadline } from '../with-deadline';
import { createBroadcastDelivery } from './broadcast-delivery';
import { confirmPublish } from './confirm-publish';
import { queueDepth, readDeadLetters, replayDeadLetters } from './dead-letters';
import { createGroupDelivery } from './group-delivery';
import { publishOptions } from './message-codec';
import { RabbitMqConnection } from './rabbitmq-connection';
import { Subscription, type SubscriptionSpec } from './subscription';
import { declareBroadcastQueue, declareGroup, groupQueue } from './topology';

export interface RabbitMqEventBusOptions {
  /** `amqp://user:pass@host:5672/vhost`; add `?heartbeat=10` to notice dead peers sooner. */
  url: string;
  /** The topic exchange events are published to. @default 'academy.events' */
  exchange?: string;
  logger: Logger;
  /** Prepended to the exchange and every queue name, so test runs on one broker stay apart. @default '' */
  prefix?: string;
  /** Deadline of every broker round trip: connect, declare, publish confirm. @default 5000 */
  operationTimeoutMs?: number;
  /** Longest wait for running handlers when unsubscribing or closing. @default 10000 */
  closeTimeoutMs?: number;
  /** First reconnect delay; doubled per attempt, with jitter. @default 200 */
  reconnectDelayMs?: number;
  /** @default 10000 */
  maxReconnectDelayMs?: number;
  /** deadLetters() returns at most this many, oldest first. @default 1000 */
  deadLetterReadLimit?: number;
  /** Told of every event dead-lettered (metrics). */
  onDeadLetter?: (group: string, type: string) => void;
}

/** Connects (rejecting with EventBusUnavailableError if the broker is unreachable) and declares the exchange. */
export async function createRabbitMqEventBus(options: RabbitMqEventBusOptions): Promise<EventBus> {
  const { logger, prefix = '', operationTimeoutMs = 5000, closeTimeoutMs = 10_000, deadLetterReadLimit = 1000 } = options;
  const exchange = `${prefix}${options.exchange ?? 'academy.events'}`;
  const subscriptions = new Set<Subscription>();
  const connection = await RabbitMqConnection.open({
    url: options.url,
    exchange,
    logger,
    operationTimeoutMs,
    reconnectDelayMs: options.reconnectDelayMs ?? 200,
    maxReconnectDelayMs: options.maxReconnectDelayMs ?? 10_000,
    onConnect: async (model) => {
      for (const subscription of subscriptions) await subscription.attach(model);
    },
  });
  const host = { logger, forceReconnect: (reason: string) => connection.forceReconnect(reason) };

  const subscribe = async (spec: SubscriptionSpec): Promise<Unsubscribe> => {
    const subscription = new Subscription(spec, host);
    subscriptions.add(subscription);
    try {
      const model = connection.currentModel();
      await withDeadline(subscription.attach(model), operationTimeoutMs, () => new Error(`${spec.label}: declaring timed out`));
    } catch (error) {
      subscriptions.delete(subscription);
      await subscription.stop(closeTimeoutMs);
      throw error;
    }
    return async () => {
      subscriptions.delete(subscription);
      await subscription.stop(closeTimeoutMs);
    };
  };

  return {
    publish: async (event) => {
      assertPublishable(event);
      const channel = connection.publisherChannel();
      await confirmPublish(channel, exchange, event.type, Buffer.from(encodeEvent(event)), publishOptions(event), operationTimeoutMs);
    },
    consume: async (group, types, handler, consumeOptions) => {
      assertTypes(types);
      const resolved = resolveConsumeOptions(consumeOptions);
      const queue = groupQueue(prefix, group);
      return subscribe({
        label: `group ${group}`,
        prefetch: resolved.concurrency,
        declare: async (channel) => {
          await declareGroup(channel, exchange, queue, types);
          return queue;
        },
        handle: createGroupDelivery({ group, queue, handler, options: resolved, logger, operationTimeoutMs, onDeadLetter: options.onDeadLetter }),
      });
    },
    broadcast: async (types, handler) => {
      assertTypes(types);
      const resolved = resolveConsumeOptions();
      return subscribe({
        label: 'broadcast',
        prefetch: resolved.concurrency,
        declare: (channel) => declareBroadcastQueue(channel, exchange, types),
        handle: createBroadcastDelivery(handler, resolved, logger),
      });
    },
    deadLetters: async (group) =>
      readDeadLetters(connection.currentModel(), groupQueue(prefix, group), deadLetterReadLimit, operationTimeoutMs),
    replayDeadLetters: async (group) => replayDeadLetters(connection.currentModel(), groupQueue(prefix, group), operationTimeoutMs),
    queueDepth: async (group) => queueDepth(connection.currentModel(), groupQueue(prefix, group), operationTimeoutMs),
    readiness: () => ({
      name: 'rabbitmq',
      check: async () => {
        connection.publisherChannel();
      },
    }),
    close: async () => {
      const stopping = [...subscriptions].map((subscription) => subscription.stop(closeTimeoutMs));
      subscriptions.clear();
      await Promise.all(stopping);
      await connection.close();
    },
  };
}
