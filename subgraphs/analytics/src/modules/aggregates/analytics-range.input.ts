import { Field, InputType } from 'type-graphql';

@InputType({ description: 'A time range: `from` inclusive, `to` exclusive. Figures come in whole periods, so the periods overlapping it are returned.' })
export class AnalyticsRangeInput {
  @Field(() => Date) from: Date;
  @Field(() => Date) to: Date;
}
