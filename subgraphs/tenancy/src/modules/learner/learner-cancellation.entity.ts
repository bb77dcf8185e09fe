import { TenantScoped } from '@academy/subgraph-kit';
import { Entity, Index, PrimaryKey, PrimaryKeyProp, Property } from '@mikro-orm/core';

export type CancellationStateValue = 'BLOCKED' | 'DELETED';

/**
 * A learner's cancellation (LFPDPPP: block, then delete). The row is also the outbox of its two
 * events: each step is decided in one transaction with the learner's own rows and gets its event id
 * there; the relay publishes whatever is unpublished, so a broker outage delays a step and loses none.
 * It outlives the learner: it is the evidence that the request was carried out (ids and dates only).
 */
@Entity({ tableName: 'learner_cancellation' })
@TenantScoped()
// The relay: blocks whose period ran out, steps not yet published.
@Index({ properties: ['state', 'deleteAfter'] })
export class LearnerCancellationEntity {
  [PrimaryKeyProp]?: ['tenantId', 'learnerId'];

  @PrimaryKey({ type: 'uuid' }) tenantId: string;
  @PrimaryKey({ type: 'string', length: 200 }) learnerId: string;
  @Property({ type: 'uuid' }) id: string;
  @Property({ type: 'string', length: 16 }) state: CancellationStateValue;
  @Property({ type: 'string', length: 200 }) requestedBy: string;
  @Property({ type: 'datetime' }) requestedAt: Date;
  /** The end of the blocking period: the relay deletes then, unless an admin confirmed earlier. */
  @Property({ type: 'datetime' }) deleteAfter: Date;
  @Property({ type: 'uuid' }) blockedEventId: string;
  @Index() @Property({ type: 'datetime', nullable: true }) blockedPublishedAt: Date | null = null;
  @Property({ type: 'string', length: 200, nullable: true }) deletedBy: string | null = null;
  @Property({ type: 'datetime', nullable: true }) deletedAt: Date | null = null;
  @Property({ type: 'uuid', nullable: true }) deletedEventId: string | null = null;
  @Index() @Property({ type: 'datetime', nullable: true }) deletedPublishedAt: Date | null = null;
}
