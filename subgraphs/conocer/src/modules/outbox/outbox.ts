import type { DomainEvent } from '@academy/event-bus';
import type { EntityManager } from '@mikro-orm/core';
import { OutboxMessageEntity } from './outbox-message.entity';

let last = 0;

/**
 * Microseconds since the epoch, strictly increasing within the process. Across processes it follows
 * the clocks, which is enough: one certification's successive events come from successive commits.
 */
export function nextSequence(): number {
  last = Math.max(last + 1, Date.now() * 1000);
  return last;
}

/**
 * Adds `event` to the outbox of the transaction `em` belongs to: it is stored by that transaction's
 * flush and published by the relay after the commit. Never publish to the bus from inside a transaction.
 */
export function enqueueEvent(em: EntityManager, event: DomainEvent): void {
  em.persist(em.create(OutboxMessageEntity, { id: event.id, type: event.type, tenantId: event.tenantId, event, sequence: nextSequence() }));
}
