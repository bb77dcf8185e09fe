import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';
import type { AuditOutcomeValue } from '../../events';

/**
 * One administrative action, from tenancy itself or from the gateway's `audit.recorded` events.
 * The id is the event's id, so a redelivered event (at-least-once delivery) stays one row.
 */
@Entity({ tableName: 'audit_log' })
@Index({ properties: ['tenantId', 'at'] })
export class AuditEntryEntity {
  @PrimaryKey({ type: 'uuid' }) id: string;
  @Property({ type: 'uuid', nullable: true }) tenantId: string | null = null;
  @Property({ type: 'string', length: 200 }) actor: string;
  @Property({ type: 'string', length: 16 }) authMethod: string;
  @Index() @Property({ type: 'string', length: 64 }) action: string;
  @Property({ type: 'string', length: 300 }) target: string;
  @Property({ type: 'string', length: 16 }) outcome: AuditOutcomeValue;
  @Property({ type: 'string', length: 128 }) requestId: string;
  @Property({ type: 'string', length: 500, nullable: true }) reason: string | null = null;
  @Index() @Property({ type: 'datetime' }) at: Date;
}
