export { CatalogRepository, type CatalogSnapshot } from './catalog.repository';
export { CourseEntity } from './course.entity';
export { KnownTenantEntity } from './known-tenant.entity';
export { RegisterCourseInput } from './course.input';
export { CourseResolver } from './course.resolver';
export { CourseService } from './course.service';
export { Course } from './course.type';
export { TENANT_CHANGED, TENANT_DIRECTORY_CONSUMER_GROUP, tenantChangedHandler } from './tenant-changed.consumer';
