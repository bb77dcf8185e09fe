export { type CertificationEngine, COMPLETION_GROUP } from './certification-engine';
export { type ConocerRuntime, type ConocerServiceOptions, createConocerService } from './create-conocer-service';
export { type ConocerEnvironment, conocerEnvironmentSchema, DEVELOPMENT_CONOCER, loadConocerEnvironment } from './environment';
export { CERTIFICATION_EVENT, type CertificationUpdatedPayload } from './modules/certification';
export { COURSE_COMPLETED, type CourseCompletedPayload } from './modules/completion';
export { NOTIFICATION_CREATED, type NotificationCreatedPayload } from './modules/notification';
export type { SagaHooks } from './modules/saga';
export { buildConocerSchema } from './schema';
