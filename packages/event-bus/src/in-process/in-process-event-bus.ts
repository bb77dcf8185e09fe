import { createLogger, type Logger } from '@academy/service-kit';
import { errorMessage, resolveConsumeOptions } from '../consume-options';
import { assertPublishable, decodeEvent, encodeEvent } from '../domain-event';
import { EventBusUnavailableError } from '../event-bus-errors';
import type { EventBus, EventHandler } from '../event-bus';
import { InFlight } from '../in-flight';
import { assertTypes, matchesAny } from '../topic-pattern';
import { invoke } from '../with-deadline';
import { InProcessGroup } from './in-process-group';
import { Scheduler } from './scheduler';

export interface InProcessEventBusOptions {
  /** @default a silent logger */
  logger?: Logger;
  /** Longest wait for running handlers in close() and unsubscribe. @default 5000 */
  closeTimeoutMs?: number;
  /** Told of every event dead-lettered (metrics). */
  onDeadLetter?: (group: string, type: string) => void;
}

interface Listener {
  patterns: string[];
  handler: EventHandler;
}

/**
 * For tests and a single process. It keeps the RabbitMQ bus's semantics (asynchronous delivery,
 * JSON copies, groups, retries, dead letters) so code tested here behaves the same on the broker;
 * it keeps nothing across restarts and reaches no other process.
 */
export function createInProcessEventBus(options: InProcessEventBusOptions = {}): EventBus {
  const logger = options.logger ?? createLogger({ service: 'event-bus', level: 'silent' });
  const closeTimeoutMs = options.closeTimeoutMs ?? 5000;
  const scheduler = new Scheduler();
  const groups = new Map<string, InProcessGroup>();
  const listeners = new Set<Listener>();
  const broadcasting = new InFlight();
  let closed = false;

  const assertOpen = () => {
    if (closed) throw new EventBusUnavailableError('event bus is closed');
  };
  const deliverToListener = (listener: Listener, body: string) => {
    const event = decodeEvent(body);
    const run = invoke(listener.handler, event).catch((error: unknown) =>
      logger.warn({ err: error, eventId: event.id, type: event.type }, `broadcast handler failed: ${errorMessage(error)}`),
    );
    broadcasting.track(run);
  };

  return {
    publish: async (event) => {
      assertOpen();
      assertPublishable(event);
      const body = encodeEvent(event);
      for (const group of groups.values()) if (group.accepts(event.type)) group.enqueue(body);
      for (const listener of listeners) {
        if (matchesAny(listener.patterns, event.type)) scheduler.soon(() => listeners.has(listener) && deliverToListener(listener, body));
      }
    },
    consume: async (groupName, types, handler, consumeOptions) => {
      assertOpen();
      assertTypes(types);
      const resolved = resolveConsumeOptions(consumeOptions);
      let group = groups.get(groupName);
      if (!group) {
        group = new InProcessGroup(groupName, scheduler, logger, options.onDeadLetter);
        groups.set(groupName, group);
      }
      const member = group.join(types, handler, resolved);
      const joined = group;
      return () => joined.leave(member, closeTimeoutMs);
    },
    broadcast: async (types, handler) => {
      assertOpen();
      assertTypes(types);
      const listener = { patterns: [...types], handler };
      listeners.add(listener);
      return async () => {
        listeners.delete(listener);
      };
    },
    deadLetters: async (group) => groups.get(group)?.deadLetters() ?? [],
    replayDeadLetters: async (group) => groups.get(group)?.replay() ?? 0,
    queueDepth: async (group) => groups.get(group)?.depth() ?? 0,
    readiness: () => ({ name: 'event-bus', check: async () => assertOpen() }),
    close: async () => {
      if (closed) return;
      closed = true;
      scheduler.stop();
      listeners.clear();
      await Promise.all([...[...groups.values()].map((group) => group.drain(closeTimeoutMs)), broadcasting.drain(closeTimeoutMs)]);
      groups.clear();
    },
  };
}
