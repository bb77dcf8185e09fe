import { randomUUID } from 'node:crypto';

/** A fact one service tells others about; travels as JSON, so the payload must survive JSON. */
export interface DomainEvent<T = unknown> {
  /** Unique per event: consumers de-duplicate on it, since delivery is at least once. */
  id: string;
  /** Dot-separated words, e.g. `certification.updated`; the routing key on RabbitMQ. */
  type: string;
  /** null for events that belong to no tenant (platform-wide). */
  tenantId: string | null;
  /** ISO 8601. */
  occurredAt: string;
  payload: T;
  headers?: Record<string, string>;
}

export function newEvent<T>(type: string, tenantId: string | null, payload: T, headers?: Record<string, string>): DomainEvent<T> {
  return { id: randomUUID(), type, tenantId, occurredAt: new Date().toISOString(), payload, ...(headers && { headers }) };
}

const EVENT_TYPE = /^[\w-]+(\.[\w-]+)*$/;

/** Rejects events a broker would route wrongly: wildcards or empty words in the type. */
export function assertPublishable(event: DomainEvent): void {
  if (!event.id) throw new TypeError('event.id is required');
  if (!EVENT_TYPE.test(event.type)) throw new TypeError(`event.type must be dot-separated words, got '${event.type}'`);
}

/**
 * Both implementations hand handlers a fresh copy parsed from JSON, so a handler can neither mutate
 * what another sees nor depend on values (Dates, class instances) that RabbitMQ would not carry.
 */
export function encodeEvent(event: DomainEvent): string {
  return JSON.stringify(event);
}

export function decodeEvent(text: string): DomainEvent {
  const event = JSON.parse(text) as DomainEvent;
  if (typeof event !== 'object' || event === null || typeof event.type !== 'string' || typeof event.id !== 'string') {
    throw new TypeError('not a domain event');
  }
  return event;
}
