import type { ReadinessCheck } from '@academy/service-kit';
import type { DomainEvent } from './domain-event';

export type EventHandler = (event: DomainEvent) => Promise<void>;

/** Ends a subscription: stops deliveries, waits (bounded) for running handlers. */
export type Unsubscribe = () => Promise<void>;

export interface ConsumeOptions {
  /** Deliveries, the first included, before the event is dead-lettered. @default 5 */
  maxAttempts?: number;
  /** Wait before the second attempt; doubled for each further one. @default 1000 */
  retryDelayMs?: number;
  /** Cap on the doubled wait, so retries keep coming during a long outage. @default 30000 */
  maxRetryDelayMs?: number;
  /** Events this subscriber handles at once (the prefetch on RabbitMQ). @default 10 */
  concurrency?: number;
  /** A handler still running after this counts as a failed attempt. @default 30000 */
  handlerTimeoutMs?: number;
}

export interface DeadLetter {
  event: DomainEvent;
  /** The last error's message. */
  reason: string;
  attempts: number;
  /** ISO 8601. */
  failedAt: string;
}

/**
 * Domain events between services. Delivery is at least once (acknowledged after the handler
 * succeeds), so handlers must be idempotent, e.g. by remembering `event.id`. `types` are
 * topic patterns: `*` stands for one word, `#` for any number, as on a RabbitMQ topic exchange.
 */
export interface EventBus {
  /** Resolves once the broker has confirmed the event; rejects at once while disconnected. */
  publish(event: DomainEvent): Promise<void>;
  /**
   * Competing consumers: each matching event reaches one subscriber of `group` (a durable queue on
   * RabbitMQ, so events wait while no subscriber runs). The group's subscription is the union of
   * its subscribers' `types`, and any subscriber may receive any of them: give them the same types.
   */
  consume(group: string, types: string[], handler: EventHandler, options?: ConsumeOptions): Promise<Unsubscribe>;
  /**
   * Fan-out: every caller receives every matching event published while it is subscribed (an
   * exclusive auto-delete queue on RabbitMQ). Nothing is retried or dead-lettered: a failing
   * handler is logged and the event dropped for it, since this queue dies with the process anyway.
   */
  broadcast(types: string[], handler: EventHandler): Promise<Unsubscribe>;
  /** The group's dead letters, oldest first, left in place. */
  deadLetters(group: string): Promise<DeadLetter[]>;
  /** Moves the dead letters back into the group with fresh attempts; returns how many. */
  replayDeadLetters(group: string): Promise<number>;
  /** Events waiting in the group's queue (0 for a group never consumed). */
  queueDepth(group: string): Promise<number>;
  /** Named `rabbitmq` or `event-bus` (in-process). */
  readiness(): ReadinessCheck;
  close(): Promise<void>;
}
