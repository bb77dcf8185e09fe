export type { AnalyticsContext } from './context';
export type { AnalyticsService } from './create-analytics-service';
export { COURSE_COMPLETED, type CourseCompletedPayload } from './modules/completion';
export { TENANT_CHANGED, TENANT_DIRECTORY_CONSUMER_GROUP } from './modules/catalog';
export { ENGAGEMENT_REPORTED, INGESTION_CONSUMER_GROUP, PROGRESS_REPORTED } from './modules/ingestion';
export { CERTIFICATION_MILESTONES_CONSUMER_GROUP } from './modules/timeline';
export { PRIVACY_CONSUMER_GROUP } from './modules/privacy';
export type { PipelineMetricsProvider, PipelineMetricsSnapshot } from './modules/pipeline';
export type { PipelineRuntime } from './pipeline-runtime';
export { type AnalyticsServiceOptions, createAnalyticsService } from './create-analytics-service';
export { type AnalyticsEnvironment, analyticsEnvironmentSchema, loadAnalyticsEnvironment } from './environment';
export { DEMO_COURSES, seedDemoProgress } from './modules/progress';
export { analyticsEntities, analyticsUnmanagedTables, buildAnalyticsSchema } from './schema';
export {
  API_OPERATION_RECORDED,
  API_USAGE_CONSUMER_GROUP,
  type ApiOperationRecord,
  type ApiOperationRecordedPayload,
  MAX_RECORDS_PER_EVENT,
  MAX_USAGE_RANGE_DAYS,
} from './modules/usage';
