import { Field, Float, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'Processing latency over the latest events, in milliseconds.' })
export class ProcessingLatency {
  @Field(() => Int, { description: 'Events the figures cover (the latest, at most 1,024).' }) window: number;
  @Field(() => Float) meanMs: number;
  @Field(() => Float) p50Ms: number;
  @Field(() => Float) p95Ms: number;
  @Field(() => Float) p99Ms: number;
  @Field(() => Float) maxMs: number;
}

@ObjectType({ description: "This analytics replica's pipeline since it started." })
export class PipelineMetricsView {
  @Field(() => Float, { description: 'Events that reached an outcome: stored, duplicate or dead-lettered.' }) eventsProcessed: number;
  @Field(() => Float) eventsStored: number;
  @Field(() => Float) duplicatesIgnored: number;
  @Field(() => Float) deadLettered: number;
  @Field(() => Float, { description: 'Batches the database refused whole; their senders were told to retry.' }) failedBatches: number;
  @Field(() => Int, { description: 'Events waiting in the ingestion buffer.' }) queueDepth: number;
  @Field(() => ProcessingLatency, { description: 'From receipt to outcome.' }) processingLatency: ProcessingLatency;
  @Field(() => Float, { description: 'Share of the latest events that were dead-lettered, 0 to 1.' }) errorRate: number;
  @Field(() => Int, { description: 'Outbox events (course.completed) not yet on the bus.' }) outboxPending: number;
}
