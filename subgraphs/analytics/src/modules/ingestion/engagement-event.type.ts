import { Field, ID, Int, ObjectType } from 'type-graphql';
import type { EventLineage } from '../events';
import { EngagementActivity } from './engagement-activity';

@ObjectType({ description: 'Something a learner did in a course, and for how long.' })
export class EngagementEvent {
  @Field(() => ID) id: string;
  /** Never exposed: the caller's tenant is implied. */
  tenantId: string;
  @Field() learnerId: string;
  @Field() courseId: string;
  @Field(() => EngagementActivity) activity: EngagementActivity;
  @Field(() => Int, { description: 'Time spent, in seconds.' }) durationSeconds: number;
  @Field(() => Date) occurredAt: Date;
  @Field(() => Date, { description: 'When analytics received it.' }) receivedAt: Date;
  /** Exposed as `lineage`. */
  lineage: EventLineage | null;
}
