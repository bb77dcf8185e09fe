import { AppError, type Principal } from '@academy/service-kit';
import type { EntityManager } from '@mikro-orm/core';
import type { RegisterCourseInput } from './course.input';
import { CourseEntity } from './course.entity';
import { KnownTenantEntity } from './known-tenant.entity';
import type { Course } from './course.type';

/** The tenant's course catalog; the request's EntityManager is scoped to the caller's tenant. */
export class CourseService {
  constructor(
    private readonly em: EntityManager,
    private readonly principal: Principal,
  ) {}

  private requireTenant(): string {
    if (this.principal.tenantId === null) throw new AppError('TENANT_REQUIRED', 'Courses belong to a tenant; name one');
    return this.principal.tenantId;
  }

  /** Adds or updates a course (idempotent). */
  async register({ courseId, title, standardCode }: RegisterCourseInput): Promise<Course> {
    const tenantId = this.requireTenant();
    // The gateway resolved this tenant, so it exists: bus events naming it pass enrichment from now on.
    const known = await this.em.findOne(KnownTenantEntity, { id: tenantId });
    if (!known) await this.em.upsert(KnownTenantEntity, { id: tenantId, firstSeenAt: new Date() });
    const row = await this.em.upsert(CourseEntity, { tenantId, courseId, title, standardCode: standardCode ?? null, updatedAt: new Date() });
    return { courseId: row.courseId, title: row.title, standardCode: row.standardCode, updatedAt: row.updatedAt };
  }

  async list(): Promise<Course[]> {
    const rows = await this.em.find(CourseEntity, { tenantId: this.requireTenant() }, { orderBy: { courseId: 'asc' } });
    return rows.map(({ courseId, title, standardCode, updatedAt }) => ({ courseId, title, standardCode, updatedAt }));
  }
}
