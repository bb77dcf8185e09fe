export { AnalyticsEventEntity } from './analytics-event.entity';
export { type BulkColumn, bulkInsert, type BulkInsert, type BulkValue } from './bulk-insert';
export type { EventKind, EventLineage, EventSource, PipelineStep } from './event-kinds';
export { EventReceiptEntity } from './event-receipt.entity';
export { EVENT_PARTITION_TABLES, PartitionManager } from './partition-manager';
export { qualifiedTable } from './table-names';
export { EventLineageType } from './event-lineage.type';
export { lineageView } from './lineage-view';
export { ENGAGEMENT_ACTIVITIES, type EngagementActivity, MAX_CLOCK_SKEW_MS, MAX_DURATION_SECONDS, OLDEST_EVENT, STANDARD_CODE_PATTERN } from './event-rules';
