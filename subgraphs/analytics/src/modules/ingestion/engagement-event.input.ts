import { IsIn, IsInt, IsOptional, Length, Max, MaxDate, Min } from 'class-validator';
import { Field, InputType, Int } from 'type-graphql';
import { ENGAGEMENT_ACTIVITIES, MAX_CLOCK_SKEW_MS, MAX_DURATION_SECONDS } from '../events';
import { EngagementActivity } from './engagement-activity';

@InputType()
export class RecordEngagementInput {
  @Field()
  @Length(1, 100)
  learnerId: string;

  @Field()
  @Length(1, 100)
  courseId: string;

  @Field(() => EngagementActivity)
  @IsIn(ENGAGEMENT_ACTIVITIES)
  activity: EngagementActivity;

  @Field(() => Int, { description: 'Time spent, in seconds (at most a day).' })
  @IsInt()
  @Min(0)
  @Max(MAX_DURATION_SECONDS)
  durationSeconds: number;

  @Field(() => Date, { nullable: true, description: 'When it happened; defaults to now. At most 5 minutes in the future.' })
  @IsOptional()
  @MaxDate(() => new Date(Date.now() + MAX_CLOCK_SKEW_MS), { message: 'occurredAt must not be more than 5 minutes in the future' })
  occurredAt?: Date | null;

  @Field(() => String, { nullable: true, description: 'Set by the client to make retries safe: a repeated id returns the stored event.' })
  @IsOptional()
  @Length(1, 100)
  clientEventId?: string | null;
}
