import { randomUUID } from 'node:crypto';
import { TenantScoped } from '@academy/subgraph-kit';
import { Entity, Index, type Opt, PrimaryKey, Property } from '@mikro-orm/core';

export type NotificationKind = 'CERTIFICATION_ISSUED' | 'CERTIFICATION_NOT_ISSUED';

/** A message to a learner, kept so the learner can read it in the platform (`myNotifications`). */
@Entity({ tableName: 'notification' })
@TenantScoped()
@Index({ properties: ['tenantId', 'learnerId', 'createdAt'] })
export class NotificationEntity {
  @PrimaryKey({ type: 'uuid' }) id: string & Opt = randomUUID();
  @Property({ type: 'string', length: 64 }) tenantId: string;
  @Property({ type: 'string', length: 100 }) learnerId: string;
  @Property({ type: 'string', length: 32 }) kind: NotificationKind;
  @Property({ type: 'string', length: 200 }) title: string;
  @Property({ type: 'text' }) body: string;
  @Property({ type: 'uuid', nullable: true }) certificationId: string | null = null;
  @Property({ type: 'datetime' }) createdAt: Date & Opt = new Date();
  @Property({ type: 'datetime', nullable: true }) readAt: Date | null = null;
}
