import { Field, Float, InputType, Int } from 'type-graphql';
import { EngagementActivity } from './engagement-activity';

/*
 * Batch items are deliberately lenient GraphQL types: every field may be missing, so one bad item is
 * reported in its own result (and dead-lettered) instead of failing the whole batch at validation.
 * The pipeline's validation step applies the same rules as the single mutations.
 */

@InputType({ description: 'One progress event of a batch; see `RecordProgressInput` for the rules, which the pipeline checks per item.' })
export class ProgressEventItemInput {
  @Field(() => String, { nullable: true }) learnerId?: string | null;
  @Field(() => String, { nullable: true }) courseId?: string | null;
  @Field(() => String, { nullable: true }) standardCode?: string | null;
  @Field(() => Float, { nullable: true }) percent?: number | null;
  @Field(() => Date, { nullable: true }) occurredAt?: Date | null;
  @Field(() => String, { nullable: true }) clientEventId?: string | null;
}

@InputType({ description: 'One engagement event of a batch; see `RecordEngagementInput` for the rules, which the pipeline checks per item.' })
export class EngagementEventItemInput {
  @Field(() => String, { nullable: true }) learnerId?: string | null;
  @Field(() => String, { nullable: true }) courseId?: string | null;
  @Field(() => EngagementActivity, { nullable: true }) activity?: EngagementActivity | null;
  @Field(() => Int, { nullable: true }) durationSeconds?: number | null;
  @Field(() => Date, { nullable: true }) occurredAt?: Date | null;
  @Field(() => String, { nullable: true }) clientEventId?: string | null;
}
