import { randomUUID } from 'node:crypto';
import { TenantScoped } from '@academy/subgraph-kit';
import { Entity, type Opt, PrimaryKey, Property, Unique } from '@mikro-orm/core';

/**
 * How a tenant certifies one standard: through which evaluation center (ECE/OC) and provider, and
 * whether a `course.completed` for it starts the certification saga on its own.
 */
@Entity({ tableName: 'certification_program' })
@TenantScoped()
@Unique({ properties: ['tenantId', 'standardCode'] })
export class CertificationProgramEntity {
  @PrimaryKey({ type: 'uuid' }) id: string & Opt = randomUUID();
  @Property({ type: 'string', length: 64 }) tenantId: string;
  @Property({ type: 'string', length: 16 }) standardCode: string;
  @Property({ type: 'string', length: 32 }) evaluationCenterId: string;
  /** A provider plugin's name; null: the configured default (CERTIFICATION_PROVIDER). */
  @Property({ type: 'string', length: 32, nullable: true }) provider: string | null = null;
  @Property({ type: 'boolean' }) autoCertify: boolean & Opt = false;
  @Property({ type: 'datetime', onUpdate: () => new Date() }) updatedAt: Date & Opt = new Date();
}
