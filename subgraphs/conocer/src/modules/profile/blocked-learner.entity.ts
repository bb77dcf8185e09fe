import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * A learner whose data is blocked (cancellation step 1) or deleted (step 2): their certifications
 * are hidden, nothing new is started for them, and their course completions are refused. Kept after
 * the deletion as the only trace (ids and dates), so a late event cannot bring the data back. Not
 * tenant-scoped: the consumer writes it outside requests, and reads always name the tenant.
 */
@Entity({ tableName: 'blocked_learner' })
export class BlockedLearnerEntity {
  @PrimaryKey({ type: 'string', length: 64 }) tenantId: string;
  @PrimaryKey({ type: 'string', length: 100 }) learnerId: string;
  @Property({ type: 'uuid' }) cancellationId: string;
  @Property({ type: 'datetime' }) blockedAt: Date;
  @Property({ type: 'datetime', nullable: true }) deletedAt: Date | null = null;
}
