import type { Channel } from 'amqplib';

/**
 * Names and declarations of everything on the broker. A group is a durable queue bound to the topic
 * exchange; its retries wait in per-delay queues whose TTL dead-letters them back into the group
 * queue (one queue per delay, because per-message TTLs only expire at a queue's head); its dead
 * letters rest in `<queue>.dead` until replayed.
 */
export const groupQueue = (prefix: string, group: string): string => `${prefix}${group}`;
export const deadLetterQueue = (queue: string): string => `${queue}.dead`;
export const retryQueue = (queue: string, delayMs: number): string => `${queue}.retry.${delayMs}`;

/** An idle retry queue removes itself this long after its last message left (RabbitMQ `x-expires`). */
const RETRY_QUEUE_IDLE_MS = 60_000;

export async function declareExchange(channel: Channel, exchange: string): Promise<void> {
  await channel.assertExchange(exchange, 'topic', { durable: true });
}

export async function declareGroup(channel: Channel, exchange: string, queue: string, patterns: string[]): Promise<void> {
  await channel.assertQueue(queue, { durable: true });
  await channel.assertQueue(deadLetterQueue(queue), { durable: true });
  // Bindings accumulate: a type dropped from the code keeps arriving until unbound on the broker.
  for (const pattern of patterns) await channel.bindQueue(queue, exchange, pattern);
}

/** Declared right before each use, which also renews its `x-expires` lease past the message's TTL. */
export async function declareRetryQueue(channel: Channel, queue: string, delayMs: number): Promise<string> {
  const name = retryQueue(queue, delayMs);
  await channel.assertQueue(name, {
    durable: true,
    arguments: {
      'x-message-ttl': delayMs,
      'x-dead-letter-exchange': '',
      'x-dead-letter-routing-key': queue,
      'x-expires': delayMs + RETRY_QUEUE_IDLE_MS,
    },
  });
  return name;
}

/** A server-named queue that lives as long as the channel consuming it. */
export async function declareBroadcastQueue(channel: Channel, exchange: string, patterns: string[]): Promise<string> {
  const { queue } = await channel.assertQueue('', { exclusive: true, autoDelete: true, durable: false });
  for (const pattern of patterns) await channel.bindQueue(queue, exchange, pattern);
  return queue;
}
