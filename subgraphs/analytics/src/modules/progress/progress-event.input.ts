import { IsOptional, Length, Matches, Max, MaxDate, Min } from 'class-validator';
import { Field, Float, InputType } from 'type-graphql';
import { MAX_CLOCK_SKEW_MS, STANDARD_CODE_PATTERN } from '../events';

@InputType()
export class RecordProgressInput {
  @Field()
  @Length(1, 100)
  learnerId: string;

  @Field()
  @Length(1, 100)
  courseId: string;

  @Field(() => String, { nullable: true, description: 'The CONOCER standard the course prepares for, e.g. `EC0217.01`.' })
  @IsOptional()
  @Matches(STANDARD_CODE_PATTERN, { message: 'standardCode must look like EC0217 or EC0217.01' })
  standardCode?: string | null;

  @Field(() => Float, { description: 'Completion from 0 to 100.' })
  @Min(0)
  @Max(100)
  percent: number;

  @Field(() => Date, { nullable: true, description: 'When the progress happened; defaults to now. At most 5 minutes in the future.' })
  @IsOptional()
  @MaxDate(() => new Date(Date.now() + MAX_CLOCK_SKEW_MS), { message: 'occurredAt must not be more than 5 minutes in the future' })
  occurredAt?: Date | null;

  @Field(() => String, { nullable: true, description: 'Set by the client to make retries safe: a repeated id returns the stored event.' })
  @IsOptional()
  @Length(1, 100)
  clientEventId?: string | null;
}
