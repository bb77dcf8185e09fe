import type { DomainEvent } from '@academy/event-bus';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * A domain event waiting for the bus, written in the transaction that stores what it reports, so the
 * change and its event commit together; the relay publishes it afterwards. Not tenant-scoped: only
 * the relay reads it, and the event names its tenant.
 */
@Entity({ tableName: 'analytics_outbox' })
// The relay's query: unpublished and due, oldest first.
@Index({ properties: ['publishedAt', 'availableAt', 'createdAt'] })
// Named apart from conocer's OutboxMessageEntity: MikroORM keys entity metadata by class name, and the
// embedded process loads both subgraphs, so equal names made this relay query conocer's table.
export class AnalyticsOutboxMessageEntity {
  /** The event's id, on which consumers de-duplicate: a row relayed twice is handled once. */
  @PrimaryKey({ type: 'uuid' }) id: string;
  @Property({ type: 'string', length: 100 }) type: string;
  @Property({ type: 'json' }) event: DomainEvent;
  @Property({ type: 'datetime' }) createdAt: Date;
  /** Not before this: moved on after a failed publish. */
  @Property({ type: 'datetime' }) availableAt: Date;
  @Property({ type: 'datetime', nullable: true }) publishedAt: Date | null = null;
  @Property({ type: 'integer' }) attempts: number;
  @Property({ type: 'string', length: 500, nullable: true }) lastError: string | null = null;
}
