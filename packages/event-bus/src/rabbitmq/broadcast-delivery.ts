import type { Logger } from '@academy/service-kit';
import type { ConfirmChannel, ConsumeMessage } from 'amqplib';
import { errorMessage, type ResolvedConsumeOptions } from '../consume-options';
import { decodeEvent } from '../domain-event';
import { HandlerTimeoutError } from '../event-bus-errors';
import type { EventHandler } from '../event-bus';
import { invoke, withDeadline } from '../with-deadline';
import { settle } from './confirm-publish';

/** Broadcast listeners get no retries: log, ack, move on (see EventBus.broadcast). */
export function createBroadcastDelivery(handler: EventHandler, options: ResolvedConsumeOptions, logger: Logger) {
  return async (channel: ConfirmChannel, message: ConsumeMessage): Promise<void> => {
    try {
      const event = decodeEvent(message.content.toString('utf8'));
      await withDeadline(invoke(handler, event), options.handlerTimeoutMs, () => new HandlerTimeoutError('broadcast handler timed out'));
    } catch (error) {
      logger.warn({ err: error }, `broadcast handler failed: ${errorMessage(error)}`);
    }
    settle(channel, message, 'ack');
  };
}
