import { randomUUID } from 'node:crypto';
import { TenantScoped } from '@academy/subgraph-kit';
import { Entity, type Opt, PrimaryKey, Property, Unique } from '@mikro-orm/core';

/**
 * What conocer knows about a learner as a certification candidate: the CURP (sealed) that automatic
 * certifications use, and the standards certified so far (kept by the saga's updateLearnerProfile step).
 */
@Entity({ tableName: 'learner_profile' })
@TenantScoped()
@Unique({ properties: ['tenantId', 'learnerId'] })
export class LearnerProfileEntity {
  @PrimaryKey({ type: 'uuid' }) id: string & Opt = randomUUID();
  @Property({ type: 'string', length: 64 }) tenantId: string;
  @Property({ type: 'string', length: 100 }) learnerId: string;
  @Property({ type: 'text', nullable: true }) curpCiphertext: string | null = null;
  @Property({ type: 'string', length: 32, nullable: true }) curpKeyId: string | null = null;
  @Property({ type: 'string', length: 64, nullable: true }) curpIndex: string | null = null;
  @Property({ type: 'json' }) certifiedStandards: string[] & Opt = [];
  @Property({ type: 'integer' }) issuedCertifications: number & Opt = 0;
  @Property({ type: 'datetime', nullable: true }) lastCertifiedAt: Date | null = null;
  @Property({ type: 'datetime', onUpdate: () => new Date() }) updatedAt: Date & Opt = new Date();
}
