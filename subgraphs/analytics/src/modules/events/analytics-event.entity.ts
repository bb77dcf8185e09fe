import { TenantScoped } from '@academy/subgraph-kit';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';
import type { EventKind, EventLineage, EventSource } from './event-kinds';

/**
 * Every learning event the pipeline stored: progress and engagement, append-only. On PostgreSQL the
 * table is partitioned by month on `occurred_at` (see the migration and `PartitionManager`), which is
 * why `occurred_at` is part of the primary key: PostgreSQL requires the partition key in every unique
 * constraint. A repeated `clientEventId` is recognised through `EventReceiptEntity`, not here, for the
 * same reason.
 */
@Entity({ tableName: 'analytics_events' })
@TenantScoped()
// A tenant's events newest first (progressEvents, recentProgress, tenant aggregates).
@Index({ properties: ['tenantId', 'occurredAt'] })
// One course's events over a range (courseAnalytics, the aggregate jobs).
@Index({ properties: ['tenantId', 'courseId', 'occurredAt'] })
// One learner's events (learnerProgress, data-subject requests).
@Index({ properties: ['tenantId', 'learnerId', 'occurredAt'] })
export class AnalyticsEventEntity {
  @PrimaryKey({ type: 'uuid' }) id: string;
  @PrimaryKey({ type: 'datetime' }) occurredAt: Date;
  @Property({ type: 'string', length: 64 }) tenantId: string;
  @Property({ type: 'string', length: 16 }) kind: EventKind;
  @Property({ type: 'string', length: 100 }) learnerId: string;
  @Property({ type: 'string', length: 100 }) courseId: string;
  /** The CONOCER competency standard the course prepares for, e.g. `EC0217.01`. */
  @Property({ type: 'string', length: 16, nullable: true }) standardCode: string | null = null;
  /** Progress only: completion from 0 to 100. */
  @Property({ type: 'double', runtimeType: 'number', nullable: true }) percent: number | null = null;
  /** Engagement only: what the learner did. */
  @Property({ type: 'string', length: 32, nullable: true }) activity: string | null = null;
  /** Engagement only: time spent, in seconds. */
  @Property({ type: 'integer', nullable: true }) durationSeconds: number | null = null;
  @Property({ type: 'string', length: 100, nullable: true }) clientEventId: string | null = null;
  @Property({ type: 'string', length: 16 }) source: EventSource;
  @Property({ type: 'datetime' }) receivedAt: Date;
  /** Where the event came from and the steps it went through (`EventLineage`). */
  @Property({ type: 'json' }) lineage: EventLineage;
}
