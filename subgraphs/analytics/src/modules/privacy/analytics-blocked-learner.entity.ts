import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * A learner whose data is blocked (cancellation step 1) or deleted (step 2): events about them are
 * refused from then on. Kept after the deletion, as the only trace (ids and dates), so late or
 * replayed events cannot bring the learner's data back. Not tenant-scoped: consumers write it
 * outside requests, and reads always name the tenant.
 */
@Entity({ tableName: 'analytics_blocked_learner' })
// Named apart from conocer's BlockedLearnerEntity (see AnalyticsOutboxMessageEntity).
export class AnalyticsBlockedLearnerEntity {
  @PrimaryKey({ type: 'string', length: 64 }) tenantId: string;
  @PrimaryKey({ type: 'string', length: 100 }) learnerId: string;
  @Property({ type: 'uuid' }) cancellationId: string;
  @Property({ type: 'datetime' }) blockedAt: Date;
  @Property({ type: 'datetime', nullable: true }) deletedAt: Date | null = null;
}
