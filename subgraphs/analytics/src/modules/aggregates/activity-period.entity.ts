import { TenantScoped } from '@academy/subgraph-kit';
import { BigIntType, Entity, PrimaryKey, Property } from '@mikro-orm/core';
import type { Granularity } from './period';

/** Engagement of one course (or the whole tenant) per activity over one closed period; anonymous counts. */
@Entity({ tableName: 'analytics_activity_period' })
@TenantScoped()
export class ActivityPeriodEntity {
  @PrimaryKey({ type: 'string', length: 64 }) tenantId: string;
  @PrimaryKey({ type: 'string', length: 8 }) granularity: Granularity;
  @PrimaryKey({ type: 'datetime' }) periodStart: Date;
  @PrimaryKey({ type: 'string', length: 100 }) courseId: string;
  @PrimaryKey({ type: 'string', length: 32 }) activity: string;
  @Property({ type: 'integer' }) events: number;
  @Property({ type: new BigIntType('number') }) seconds: number;
}
