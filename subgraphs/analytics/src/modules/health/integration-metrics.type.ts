import { Directive, Field, Float, ID, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'Operations one tenant made through the gateway in the window.' })
export class TenantRequests {
  @Field({ description: 'The tenant id.' }) tenant: string;
  @Field(() => Int) requests: number;
}

@ObjectType({ description: 'One minute of gateway traffic.' })
export class ApiGatewayMinute {
  @Field(() => Date, { description: 'Start of the minute.' }) at: Date;
  @Field(() => Float, { description: 'Requests per second over the minute.' }) requestRate: number;
  @Field(() => Float, { description: 'Ratio (0..1) of the minute’s operations that failed.' }) errorRate: number;
  @Field(() => Float, { description: '95th percentile response time in the minute, in milliseconds.' }) responseTime: number;
}

@ObjectType({ description: 'The gateway, from the usage log every gateway replica writes (so all replicas count).' })
export class ApiGatewayMetrics {
  @Field(() => Int, { description: 'The window the figures below cover, in seconds (the latest).' }) windowSeconds: number;
  @Field(() => Float, { description: 'Requests per second over the window.' }) requestRate: number;
  @Field(() => Float, { description: 'Ratio (0..1) of the window’s operations that failed (status error; limit rejections are not failures).' })
  errorRate: number;
  @Field(() => Float, { description: '95th percentile response time over the window, in milliseconds (0 without traffic).' }) responseTime: number;
  @Directive('@listSize(assumedSize: 11)')
  @Field(() => [TenantRequests], { description: 'Requests per tenant over the window, busiest first: the top 10, the rest summed as `other`.' })
  tenantDistribution: TenantRequests[];
  @Directive('@listSize(assumedSize: 60)')
  @Field(() => [ApiGatewayMinute], { description: 'The last hour, per minute with traffic, oldest first.' }) history: ApiGatewayMinute[];
}

@ObjectType({ description: 'One minute of the pipeline on the answering replica.' })
export class DataPipelineMinute {
  @Field(() => Date, { description: 'Start of the minute.' }) at: Date;
  @Field(() => Int, { description: 'Events that reached an outcome in the minute.' }) eventsProcessed: number;
  @Field(() => Float, { description: 'Mean time from receipt to outcome, in milliseconds.' }) processingLatency: number;
  @Field(() => Float, { description: 'Ratio (0..1) of the minute’s events that were dead-lettered.' }) errorRate: number;
}

@ObjectType({ description: 'The analytics events pipeline of the answering analytics replica, since it started.' })
export class DataPipelineMetrics {
  @Field(() => Float, { description: 'Events that reached an outcome (stored, duplicate, dead-lettered) since start.' }) eventsProcessed: number;
  @Field(() => Float, { description: '95th percentile time from receipt to outcome over the latest 1,024 events, in milliseconds.' }) processingLatency: number;
  @Field(() => Int, { description: 'Events waiting in the ingestion buffer now.' }) queueDepth: number;
  @Field(() => Float, { description: 'Ratio (0..1) of the latest 1,024 events that were dead-lettered.' }) errorRate: number;
  @Directive('@listSize(assumedSize: 60)')
  @Field(() => [DataPipelineMinute], { description: 'The last hour, per minute with events, oldest first.' }) history: DataPipelineMinute[];
}

@Directive('@key(fields: "id")')
@ObjectType({ description: 'Health of the platform’s integrations, from live data: the gateway (analytics), the CONOCER sync (conocer), the events pipeline (analytics).' })
export class IntegrationMetrics {
  @Field(() => ID, { description: 'Always `platform`: there is one such view.' }) id: string;
}
