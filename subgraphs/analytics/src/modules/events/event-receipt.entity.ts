import { TenantScoped } from '@academy/subgraph-kit';
import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * One row per client event id a tenant sent: the pipeline inserts it in the transaction that stores
 * the event, and an id already present makes the event a duplicate. Kept apart from the partitioned
 * event table, where a unique key would have to include the month and so could not catch a retry
 * whose timestamp moved.
 */
@Entity({ tableName: 'analytics_event_receipt' })
@TenantScoped()
export class EventReceiptEntity {
  @PrimaryKey({ type: 'string', length: 64 }) tenantId: string;
  @PrimaryKey({ type: 'string', length: 100 }) clientEventId: string;
  @Property({ type: 'uuid' }) eventId: string;
  /** With `eventId`, the stored event's primary key. */
  @Property({ type: 'datetime' }) occurredAt: Date;
}
