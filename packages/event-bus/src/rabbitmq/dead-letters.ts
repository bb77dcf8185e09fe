import type { Channel, ChannelModel, GetMessage } from 'amqplib';
import { type DomainEvent, decodeEvent } from '../domain-event';
import type { DeadLetter } from '../event-bus';
import { withDeadline } from '../with-deadline';
import { confirmPublish } from './confirm-publish';
import { attemptsOf, FAILED_AT_HEADER, forwardOptions, headerOf, REASON_HEADER } from './message-codec';
import { deadLetterQueue } from './topology';

/** A body that is not an event (dead-lettered for that very reason) is shown raw, not thrown on. */
function eventOf(message: GetMessage): DomainEvent {
  const text = message.content.toString('utf8');
  try {
    return decodeEvent(text);
  } catch {
    const { messageId, type } = message.properties;
    return { id: String(messageId ?? 'unknown'), type: String(type ?? 'unknown'), tenantId: null, occurredAt: new Date(0).toISOString(), payload: text };
  }
}

/**
 * The message count, or false for a group that was never consumed: checking rather than declaring
 * keeps a mistyped group name from leaving an empty durable queue behind. A missing queue closes
 * the channel (404), which is why callers use a throwaway channel.
 */
async function queueExists(channel: Channel, name: string, step: <T>(work: Promise<T>) => Promise<T>): Promise<number | false> {
  try {
    return (await step(channel.checkQueue(name))).messageCount;
  } catch (error) {
    if ((error as { code?: unknown }).code === 404) return false;
    throw error;
  }
}

function toDeadLetter(message: GetMessage): DeadLetter {
  return {
    event: eventOf(message),
    reason: headerOf(message, REASON_HEADER) ?? 'unknown',
    attempts: attemptsOf(message),
    failedAt: headerOf(message, FAILED_AT_HEADER) ?? new Date(0).toISOString(),
  };
}

/**
 * Reads up to `limit` dead letters without removing them: basic.get without ack, then closing the
 * channel, which puts every unacknowledged message back in its place in the queue.
 */
export async function readDeadLetters(model: ChannelModel, queue: string, limit: number, stepTimeoutMs: number): Promise<DeadLetter[]> {
  const step = <T>(work: Promise<T>) => withDeadline(work, stepTimeoutMs, () => new Error('reading dead letters timed out'));
  const channel = await step(model.createChannel());
  channel.on('error', () => undefined); // surfaces as the failed call's rejection
  try {
    const dead = deadLetterQueue(queue);
    if ((await queueExists(channel, dead, step)) === false) return [];
    const letters: DeadLetter[] = [];
    while (letters.length < limit) {
      const message = await step(channel.get(dead, { noAck: false }));
      if (!message) break;
      letters.push(toDeadLetter(message));
    }
    return letters;
  } finally {
    await step(channel.close()).catch(() => undefined);
  }
}

/** Messages ready in the group's queue; 0 for a group never consumed. */
export async function queueDepth(model: ChannelModel, queue: string, stepTimeoutMs: number): Promise<number> {
  const step = <T>(work: Promise<T>) => withDeadline(work, stepTimeoutMs, () => new Error('reading the queue depth timed out'));
  const channel = await step(model.createChannel());
  channel.on('error', () => undefined);
  try {
    return (await queueExists(channel, queue, step)) || 0;
  } finally {
    await step(channel.close()).catch(() => undefined);
  }
}

/** Sends each dead letter back to the group's queue (not the exchange: other groups have it already). */
export async function replayDeadLetters(model: ChannelModel, queue: string, stepTimeoutMs: number): Promise<number> {
  const step = <T>(work: Promise<T>) => withDeadline(work, stepTimeoutMs, () => new Error('replaying dead letters timed out'));
  const channel = await step(model.createConfirmChannel());
  channel.on('error', () => undefined);
  try {
    const dead = deadLetterQueue(queue);
    const messageCount = await queueExists(channel, dead, step);
    if (messageCount === false) return 0;
    // The default exchange drops (and still confirms) messages for a queue that is gone.
    if ((await queueExists(channel, queue, step)) === false) throw new Error(`queue ${queue} does not exist; nothing replayed`);
    // Only what was there at the start: an event that fails again meanwhile is not replayed twice.
    let replayed = 0;
    while (replayed < messageCount) {
      const message = await step(channel.get(dead, { noAck: false }));
      if (!message) break;
      await confirmPublish(channel, '', queue, message.content, forwardOptions(message, {}), stepTimeoutMs);
      channel.ack(message);
      replayed++;
    }
    return replayed;
  } finally {
    await step(channel.close()).catch(() => undefined);
  }
}
