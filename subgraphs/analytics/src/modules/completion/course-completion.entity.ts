import { TenantScoped } from '@academy/subgraph-kit';
import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * A learner's first completion of a course. Its insert decides whether `course.completed` goes out:
 * one per learner and course, however often 100 % is reported.
 */
@Entity({ tableName: 'analytics_course_completion' })
@TenantScoped()
// Named apart from conocer's CourseCompletionEntity (see AnalyticsOutboxMessageEntity).
export class AnalyticsCourseCompletionEntity {
  @PrimaryKey({ type: 'string', length: 64 }) tenantId: string;
  @PrimaryKey({ type: 'string', length: 100 }) learnerId: string;
  @PrimaryKey({ type: 'string', length: 100 }) courseId: string;
  @Property({ type: 'string', length: 16, nullable: true }) standardCode: string | null = null;
  @Property({ type: 'datetime' }) completedAt: Date;
  /** The progress event that completed it. */
  @Property({ type: 'uuid' }) eventId: string;
}
