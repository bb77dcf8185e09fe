import { Field, Float, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: "Aggregates over a tenant's progress events." })
export class ProgressSummary {
  @Field(() => Int, { description: 'Progress events recorded.' }) events: number;
  @Field(() => Int, { description: 'Distinct learners with at least one event.' }) learners: number;
  @Field(() => Int, { description: 'Distinct courses with at least one event.' }) courses: number;
  @Field(() => Float, { description: 'Mean `percent` over all events; 0 when there are none.' }) averagePercent: number;
  @Field(() => Int, { description: 'Learner–course pairs that reached 100 %, each counted once however often it was reported.' })
  completions: number;
}

export const EMPTY_PROGRESS_SUMMARY: Readonly<ProgressSummary> = Object.freeze({ events: 0, learners: 0, courses: 0, averagePercent: 0, completions: 0 });
