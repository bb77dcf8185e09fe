export type { AnalyticsContext } from './context';
export { type AnalyticsServiceOptions, createAnalyticsService } from './create-analytics-service';
export { type AnalyticsEnvironment, analyticsEnvironmentSchema, loadAnalyticsEnvironment } from './environment';
export { DEMO_COURSES, seedDemoProgress } from './modules/progress';
export { analyticsEntities, buildAnalyticsSchema } from './schema';
export {
  API_OPERATION_RECORDED,
  API_USAGE_CONSUMER_GROUP,
  type ApiOperationRecord,
  type ApiOperationRecordedPayload,
  MAX_RECORDS_PER_EVENT,
  MAX_USAGE_RANGE_DAYS,
} from './modules/usage';
