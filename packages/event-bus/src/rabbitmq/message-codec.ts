import type { Message, Options } from 'amqplib';
import type { DomainEvent } from '../domain-event';

export const ATTEMPTS_HEADER = 'x-attempts';
export const REASON_HEADER = 'x-dead-letter-reason';
export const FAILED_AT_HEADER = 'x-failed-at';

/** Persistent, so events in durable queues survive a broker restart. The body is the whole event. */
export function publishOptions(event: DomainEvent): Options.Publish {
  return {
    persistent: true,
    contentType: 'application/json',
    messageId: event.id,
    type: event.type,
    timestamp: Math.floor(Date.now() / 1000),
  };
}

/**
 * Options to send a received message on (to a retry, dead-letter or group queue). Headers are built
 * afresh rather than copied, so RabbitMQ's growing `x-death` history does not ride along.
 */
export function forwardOptions(message: Message, headers: Record<string, string | number>): Options.Publish {
  const { contentType, messageId, type, timestamp } = message.properties;
  return { persistent: true, contentType, messageId, type, timestamp, headers };
}

/** Failed attempts recorded so far; 0 for a freshly published event. */
export function attemptsOf(message: Message): number {
  const value = Number(message.properties.headers?.[ATTEMPTS_HEADER] ?? 0);
  return Number.isFinite(value) && value > 0 ? value : 0;
}

export function headerOf(message: Message, name: string): string | undefined {
  const value = message.properties.headers?.[name];
  return value === undefined || value === null ? undefined : String(value);
}
