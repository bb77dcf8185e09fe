import { randomUUID } from 'node:crypto';
import { TenantScoped } from '@academy/subgraph-kit';
import { Entity, Index, type Opt, PrimaryKey, Property, Unique } from '@mikro-orm/core';

/**
 * A learner's completion of a course, as analytics announced it (`course.completed`): the evidence the
 * saga's validateCompletion step looks for. One row per learner and course; a repeated event changes nothing.
 */
@Entity({ tableName: 'course_completion' })
@TenantScoped()
@Unique({ properties: ['tenantId', 'learnerId', 'courseId'] })
@Index({ properties: ['tenantId', 'learnerId', 'standardCode'] })
export class CourseCompletionEntity {
  @PrimaryKey({ type: 'uuid' }) id: string & Opt = randomUUID();
  @Property({ type: 'string', length: 64 }) tenantId: string;
  @Property({ type: 'string', length: 100 }) learnerId: string;
  @Property({ type: 'string', length: 100 }) courseId: string;
  /** The standard the course prepares for; null for courses that map to none. */
  @Property({ type: 'string', length: 16, nullable: true }) standardCode: string | null = null;
  @Property({ type: 'datetime' }) completedAt: Date;
  /** The `course.completed` event that reported it. */
  @Property({ type: 'uuid' }) eventId: string;
  @Property({ type: 'datetime' }) receivedAt: Date & Opt = new Date();
}
