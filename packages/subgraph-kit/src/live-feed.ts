import type { DomainEvent, EventBus, Unsubscribe } from '@academy/event-bus';
import { DropOldestBuffer, type Logger } from '@academy/service-kit';
import { Repeater } from '@repeaterjs/repeater';

export interface LiveFeedOptions {
  bus: EventBus;
  /** Event types (topic patterns) the feed relays. */
  types: string[];
  logger: Logger;
  /** Events a slow subscriber may have waiting; beyond, its oldest are dropped (and counted). @default 100 */
  bufferSize?: number;
}

export interface LiveFeed {
  /** Starts relaying; every replica receives every event (the bus's fan-out). */
  start(): Promise<void>;
  /**
   * What `select` makes of the events published from now on, until the iterator is returned (the
   * subscription ends). `select` runs per event, where the subscriber's tenant, audience and arguments
   * decide: it returns the value to deliver, or undefined to skip the event. Every subscriber's `select`
   * is handed the same event object, so what depends on the event alone can be made once, keyed by it.
   */
  subscribe<T>(select: (event: DomainEvent) => T | undefined): AsyncIterableIterator<T>;
  /** Subscribers now listening (tests count them to prove nothing leaks). */
  subscribers(): number;
  /** Events dropped from full buffers since start. */
  dropped(): number;
  /** Stops relaying and ends every subscriber's iterator. */
  close(): Promise<void>;
}

/**
 * The bridge from the event bus to GraphQL subscriptions in one process: one broadcast
 * subscription on the bus, fanned out in memory to each subscriber's bounded buffer.
 */
export function createLiveFeed({ bus, types, logger, bufferSize = 100 }: LiveFeedOptions): LiveFeed {
  const listeners = new Set<(event: DomainEvent) => void>();
  const stops = new Set<() => void>();
  let unsubscribe: Unsubscribe | undefined;
  let dropped = 0;
  /** Events whose filter failed, so one bad event is logged once, not once per subscriber. */
  const reported = new WeakSet<DomainEvent>();

  return {
    async start() {
      unsubscribe ??= await bus.broadcast(types, async (event) => {
        for (const listener of listeners) listener(event);
      });
    },
    subscribe<T>(select: (event: DomainEvent) => T | undefined) {
      return new Repeater<T>(
        async (push, stop) => {
          const listener = (event: DomainEvent) => {
            try {
              const value = select(event);
              if (value !== undefined) void push(value);
            } catch (error) {
              if (reported.has(event)) return;
              reported.add(event);
              logger.warn({ err: error, eventType: event.type, eventId: event.id }, 'live event filter failed; event skipped for the subscribers it failed for');
            }
          };
          const end = () => stop();
          listeners.add(listener);
          stops.add(end);
          await stop;
          listeners.delete(listener);
          stops.delete(end);
        },
        new DropOldestBuffer<T>(bufferSize, () => {
          dropped += 1;
        }),
      );
    },
    subscribers: () => listeners.size,
    dropped: () => dropped,
    async close() {
      for (const end of stops) end();
      await unsubscribe?.();
      unsubscribe = undefined;
    },
  };
}
