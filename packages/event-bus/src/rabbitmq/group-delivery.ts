import type { Logger } from '@academy/service-kit';
import type { ConfirmChannel, ConsumeMessage } from 'amqplib';
import { errorMessage, type ResolvedConsumeOptions, retryDelay } from '../consume-options';
import { type DomainEvent, decodeEvent } from '../domain-event';
import { HandlerTimeoutError } from '../event-bus-errors';
import type { EventHandler } from '../event-bus';
import { invoke, withDeadline } from '../with-deadline';
import { confirmPublish, settle } from './confirm-publish';
import { ATTEMPTS_HEADER, attemptsOf, FAILED_AT_HEADER, forwardOptions, REASON_HEADER } from './message-codec';
import { deadLetterQueue, declareRetryQueue } from './topology';

export interface GroupDeliveryOptions {
  group: string;
  queue: string;
  handler: EventHandler;
  options: ResolvedConsumeOptions;
  logger: Logger;
  operationTimeoutMs: number;
  onDeadLetter?: (group: string, type: string) => void;
}

/**
 * Runs the handler for one message of a group and settles it. Ack comes after success only (at
 * least once). A failure is parked in a delay queue (or the dead-letter queue, after the last
 * attempt) and acked only once the broker confirmed the copy, so a crash in between duplicates
 * the event rather than losing it.
 */
export function createGroupDelivery({ group, queue, handler, options, logger, operationTimeoutMs, onDeadLetter }: GroupDeliveryOptions) {
  const forward = async (channel: ConfirmChannel, message: ConsumeMessage, target: string, headers: Record<string, string | number>) => {
    try {
      await confirmPublish(channel, '', target, message.content, forwardOptions(message, headers), operationTimeoutMs);
      settle(channel, message, 'ack');
    } catch (error) {
      logger.warn({ err: error, group, target }, 'rabbitmq: could not park a failed event; it will be redelivered');
      settle(channel, message, 'requeue');
    }
  };

  const deadLetter = (channel: ConfirmChannel, message: ConsumeMessage, attempts: number, reason: string, event?: DomainEvent) => {
    logger.error({ group, eventId: event?.id, type: event?.type, attempts, reason }, 'event dead-lettered');
    onDeadLetter?.(group, event?.type ?? 'malformed');
    return forward(channel, message, deadLetterQueue(queue), {
      [ATTEMPTS_HEADER]: attempts,
      [REASON_HEADER]: reason,
      [FAILED_AT_HEADER]: new Date().toISOString(),
    });
  };

  return async (channel: ConfirmChannel, message: ConsumeMessage): Promise<void> => {
    const attempt = attemptsOf(message) + 1;
    let event: DomainEvent;
    try {
      event = decodeEvent(message.content.toString('utf8'));
    } catch (error) {
      // Retrying cannot fix a body that is not an event.
      return deadLetter(channel, message, attempt, `malformed event: ${errorMessage(error)}`);
    }
    try {
      await withDeadline(
        invoke(handler, event),
        options.handlerTimeoutMs,
        () => new HandlerTimeoutError(`handler timed out after ${options.handlerTimeoutMs} ms`),
      );
      settle(channel, message, 'ack');
    } catch (error) {
      if (attempt >= options.maxAttempts) return deadLetter(channel, message, attempt, errorMessage(error), event);
      const delayMs = retryDelay(attempt, options);
      logger.warn({ err: error, group, eventId: event.id, attempt, delayMs }, 'event handler failed; retrying');
      try {
        const target = await withDeadline(declareRetryQueue(channel, queue, delayMs), operationTimeoutMs, () => new Error('timed out'));
        await forward(channel, message, target, { [ATTEMPTS_HEADER]: attempt });
      } catch (declareError) {
        logger.warn({ err: declareError, group }, 'rabbitmq: could not declare the retry queue; requeueing');
        settle(channel, message, 'requeue');
      }
    }
  };
}
