export { EngagementActivity } from './engagement-activity';
export { EngagementEventItemInput, ProgressEventItemInput } from './batch-item.input';
export { RecordEngagementInput } from './engagement-event.input';
export { EngagementEvent } from './engagement-event.type';
export { IngestionReport, IngestionResult, IngestionStatus } from './ingestion-report.type';
export { IngestionResolver } from './ingestion.resolver';
export { IngestionService, MAX_BATCH_EVENTS, type ReportedResult, toEngagementEvent, toReport } from './ingestion.service';
export { ENGAGEMENT_REPORTED, INGESTION_CONSUMER_GROUP, itemsOf, LEARNING_EVENT_TYPES, learningEventsHandler, PROGRESS_REPORTED } from './learning-events.consumer';
