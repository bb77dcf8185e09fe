export type { AnalyticsContext } from './context';
export { type AnalyticsServiceOptions, createAnalyticsService } from './create-analytics-service';
export { type AnalyticsEnvironment, analyticsEnvironmentSchema, loadAnalyticsEnvironment } from './environment';
export { DEMO_COURSES, seedDemoProgress } from './modules/progress';
export { analyticsEntities, buildAnalyticsSchema } from './schema';
