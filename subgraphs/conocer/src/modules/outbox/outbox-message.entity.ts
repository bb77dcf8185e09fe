import type { DomainEvent } from '@academy/event-bus';
import { BigIntType, Entity, Index, type Opt, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * An event waiting to leave for the bus, written in the same transaction as the change it reports,
 * so a change and its event are committed together or not at all. Not tenant-scoped: only the relay
 * reads it, and the event inside names its tenant.
 */
@Entity({ tableName: 'outbox_message' })
// The relay's query: unpublished, due, in write order.
@Index({ properties: ['publishedAt', 'availableAt', 'sequence'] })
export class OutboxMessageEntity {
  /** The event's id: consumers de-duplicate on it, so a message relayed twice is handled once. */
  @PrimaryKey({ type: 'uuid' }) id: string;
  @Property({ type: 'string', length: 100 }) type: string;
  @Property({ type: 'string', length: 64, nullable: true }) tenantId: string | null = null;
  @Property({ type: 'json' }) event: DomainEvent;
  /**
   * Write order (see `nextSequence`): events written in one transaction share a millisecond, and one
   * certification's PENDING → SUBMITTED → ISSUED must leave in that order.
   */
  @Property({ type: new BigIntType('number') }) sequence: number;
  @Property({ type: 'datetime' }) createdAt: Date & Opt = new Date();
  /** Not before this: set later after a failed publish. */
  @Property({ type: 'datetime' }) availableAt: Date & Opt = new Date();
  @Property({ type: 'datetime', nullable: true }) publishedAt: Date | null = null;
  @Property({ type: 'integer' }) attempts: number & Opt = 0;
  @Property({ type: 'string', length: 500, nullable: true }) lastError: string | null = null;
  /** A relay's claim, so replicas never publish the same rows at the same time. */
  @Property({ type: 'uuid', nullable: true }) claimToken: string | null = null;
  @Property({ type: 'datetime', nullable: true }) claimedUntil: Date | null = null;
}
