import { TenantScoped } from '@academy/subgraph-kit';
import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * A tenant's course as analytics knows it: the standard it prepares for (enrichment fills an event's
 * `standardCode` from here) and whether an event may name it at all (see `CourseCatalog`).
 */
@Entity({ tableName: 'analytics_course' })
@TenantScoped()
export class CourseEntity {
  @PrimaryKey({ type: 'string', length: 64 }) tenantId: string;
  @PrimaryKey({ type: 'string', length: 100 }) courseId: string;
  @Property({ type: 'string', length: 200 }) title: string;
  @Property({ type: 'string', length: 16, nullable: true }) standardCode: string | null = null;
  @Property({ type: 'datetime' }) updatedAt: Date;
}
