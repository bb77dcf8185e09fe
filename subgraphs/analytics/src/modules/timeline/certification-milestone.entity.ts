import { TenantScoped } from '@academy/subgraph-kit';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';
import type { CertificationStatus } from '../live';

/**
 * A certification of a learner reaching a status, as conocer reported it in `certification.updated`:
 * the certification milestones of the learner's timeline. The primary key is the de-duplication rule:
 * a certification reaches each status once (conocer's lifecycle has no way back), so a redelivered
 * event, or a second event for the same change, finds the row and stores nothing. Holds no personal
 * data beyond the learner id: the payload has none (never a CURP).
 */
@Entity({ tableName: 'analytics_certification_milestone' })
@TenantScoped()
// One learner's milestones newest first (the timeline, data-subject requests, erasure).
@Index({ properties: ['tenantId', 'learnerId', 'occurredAt'] })
export class CertificationMilestoneEntity {
  @PrimaryKey({ type: 'string', length: 64 }) tenantId: string;
  @PrimaryKey({ type: 'string', length: 100 }) certificationId: string;
  @PrimaryKey({ type: 'string', length: 16 }) status: CertificationStatus;
  /** The timeline entry's id. */
  @Property({ type: 'uuid' }) id: string;
  @Property({ type: 'string', length: 100 }) learnerId: string;
  /** The CONOCER competency standard certified, e.g. `EC0217.01`. */
  @Property({ type: 'string', length: 16 }) standardCode: string;
  /** CONOCER's folio, once issued. */
  @Property({ type: 'string', length: 200, nullable: true }) folio: string | null = null;
  /** Why it was rejected, as `CODE: message`; null otherwise. */
  @Property({ type: 'text', nullable: true }) reason: string | null = null;
  /** When the status changed (conocer's clock). */
  @Property({ type: 'datetime' }) occurredAt: Date;
  /** When analytics stored it. */
  @Property({ type: 'datetime' }) receivedAt: Date;
  /** The bus event it came in (the first delivery that stored it). */
  @Property({ type: 'string', length: 100, nullable: true }) busEventId: string | null = null;
}
