import { TenantScoped } from '@academy/subgraph-kit';
import { BigIntType, Entity, PrimaryKey, Property } from '@mikro-orm/core';
import type { Granularity } from './period';

/** `courseId` of the rows that sum up a whole tenant (its learners are counted once across courses). */
export const WHOLE_TENANT = '';

/**
 * Figures of one course (or of the whole tenant, `courseId` = WHOLE_TENANT) over one closed period,
 * written by the aggregate job. Anonymous counts only: no learner id is kept here, so deleting a
 * learner's events leaves nothing of theirs but the counts they were part of.
 */
@Entity({ tableName: 'analytics_course_period' })
@TenantScoped()
export class CoursePeriodEntity {
  @PrimaryKey({ type: 'string', length: 64 }) tenantId: string;
  @PrimaryKey({ type: 'string', length: 8 }) granularity: Granularity;
  @PrimaryKey({ type: 'datetime' }) periodStart: Date;
  @PrimaryKey({ type: 'string', length: 100 }) courseId: string;
  @Property({ type: 'integer' }) events: number;
  @Property({ type: 'integer' }) activeLearners: number;
  @Property({ type: 'integer' }) progressEvents: number;
  /** Learners (per course) who reported 100 % in the period. */
  @Property({ type: 'integer' }) completions: number;
  /** Sum of the progress events' percent: the average is `percentSum / progressEvents`. */
  @Property({ type: 'double', runtimeType: 'number' }) percentSum: number;
  @Property({ type: 'integer' }) engagementEvents: number;
  /** bigint: a large tenant's month of engagement can pass 2^31 seconds. */
  @Property({ type: new BigIntType('number') }) engagementSeconds: number;
}
