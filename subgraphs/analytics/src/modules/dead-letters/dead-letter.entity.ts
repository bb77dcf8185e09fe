import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';
import type { EventSource } from '../events';

export type DeadLetterStage = 'validation' | 'enrichment';

/**
 * An event the pipeline could not store, kept as it arrived with the reasons, until an admin replays
 * it. Not `@TenantScoped()`: an event naming no tenant, or an unknown one, must be kept too; the
 * dead-letter service scopes reads to the caller's tenant itself.
 */
@Entity({ tableName: 'analytics_dead_letter' })
// The admin list: a tenant's open dead letters, oldest first.
@Index({ properties: ['tenantId', 'resolvedAt', 'receivedAt'] })
export class DeadLetterEntity {
  @PrimaryKey({ type: 'uuid' }) id: string;
  /** The tenant the event named or was sent for; null when it named none. */
  @Property({ type: 'string', length: 64, nullable: true }) tenantId: string | null = null;
  @Property({ type: 'string', length: 16 }) kind: string;
  @Property({ type: 'string', length: 16 }) source: EventSource;
  @Property({ type: 'string', length: 16 }) stage: DeadLetterStage;
  @Property({ type: 'json' }) reasons: string[];
  /** The event as received (personal fields included: it is stored like the events themselves). */
  @Property({ type: 'json' }) payload: Record<string, unknown>;
  @Property({ type: 'datetime' }) receivedAt: Date;
  /** Times it went through the pipeline, replays included. */
  @Property({ type: 'integer' }) attempts: number;
  @Property({ type: 'datetime', nullable: true }) lastAttemptAt: Date | null = null;
  /** Set when a replay stored it (or found it already stored); resolved letters leave the admin list. */
  @Property({ type: 'datetime', nullable: true }) resolvedAt: Date | null = null;
  @Property({ type: 'uuid', nullable: true }) resolvedEventId: string | null = null;
}
