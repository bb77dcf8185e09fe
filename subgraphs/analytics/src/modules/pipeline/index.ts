export { type BlockedLearners, refusedEventError } from './enrichment';
export { EventPipeline, type EventPipelineOptions, type PipelineHooks } from './event-pipeline';
export { type ValidEventFields, validateEventFields } from './event-validation';
export type { EventIngestor, IngestItem, IngestResult, PipelineEvent } from './ingest-item';
export { IngestionBuffer, type IngestionBufferOptions } from './ingestion-buffer';
export type { PipelineMetricsProvider, PipelineMetricsSnapshot } from './pipeline-metrics';
export { ROUTE, routesOf } from './routing';
export { PipelineMetricsResolver } from './pipeline-metrics.resolver';
export { PipelineMetricsView, ProcessingLatency } from './pipeline-metrics.type';
