import type { ConfirmChannel, Message, Options } from 'amqplib';
import { EventBusUnavailableError } from '../event-bus-errors';
import { withDeadline } from '../with-deadline';

/** Publishes and waits for the broker's confirm, within `timeoutMs`. */
export function confirmPublish(
  channel: ConfirmChannel,
  exchange: string,
  routingKey: string,
  content: Buffer,
  options: Options.Publish,
  timeoutMs: number,
): Promise<void> {
  const confirmed = new Promise<void>((resolve, reject) => {
    // A closed channel throws synchronously; the Promise constructor turns that into a rejection.
    channel.publish(exchange, routingKey, content, options, (error: unknown) => {
      if (!error) return resolve();
      reject(error instanceof Error ? error : new EventBusUnavailableError('RabbitMQ refused the message (nack)'));
    });
  });
  return withDeadline(confirmed, timeoutMs, () => new EventBusUnavailableError(`RabbitMQ did not confirm within ${timeoutMs} ms`));
}

/** Acks and nacks on a channel that died with its connection throw; the broker redelivers anyway. */
export function settle(channel: ConfirmChannel, message: Message, outcome: 'ack' | 'requeue'): void {
  try {
    if (outcome === 'ack') channel.ack(message);
    else channel.nack(message, false, true);
  } catch {
    // Unacknowledged messages of a closed channel go back to their queue: nothing is lost.
  }
}
