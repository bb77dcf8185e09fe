import { Field, Float, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: "The tenant's API usage of one operation on one UTC day." })
export class ApiUsageDay {
  @Field({ description: 'The UTC day, `YYYY-MM-DD`.' }) day: string;
  @Field(() => String, { nullable: true, description: 'The operation name; null for anonymous operations.' }) operationName: string | null;
  @Field(() => Int, { description: 'Operations received, rejected ones included.' }) requests: number;
  @Field(() => Int, { description: 'Operations that ran and answered with errors.' }) errors: number;
  @Field(() => Int, { description: 'Operations refused before running (cost, budget or rate limits).' }) rejected: number;
  // Float: a month of a busy tenant's costs passes GraphQL's 32-bit Int.
  @Field(() => Float, { description: 'Sum of the gateway’s cost estimates.' }) totalEstimatedCost: number;
  @Field(() => Float, { nullable: true, description: 'Sum of the measured costs; null when no operation of the day ran.' }) totalActualCost: number | null;
  @Field(() => Float, { description: 'Mean gateway latency in milliseconds, rejected operations included.' }) averageLatencyMs: number;
  @Field(() => Float, { description: '95th percentile latency in milliseconds (nearest rank), rejected operations included.' }) p95LatencyMs: number;
}
