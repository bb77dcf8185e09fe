import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { EngagementActivity } from '../ingestion';
import { CertificationStatus } from '../live';

export const LearnerTimelineEntryKind = { PROGRESS: 'PROGRESS', ENGAGEMENT: 'ENGAGEMENT', CERTIFICATION: 'CERTIFICATION' } as const;
export type LearnerTimelineEntryKind = (typeof LearnerTimelineEntryKind)[keyof typeof LearnerTimelineEntryKind];

registerEnumType(LearnerTimelineEntryKind, {
  name: 'LearnerTimelineEntryKind',
  description: 'What a timeline entry reports: a progress event, an engagement event, or a certification reaching a status.',
});

@ObjectType({ description: "One thing that happened to a learner: a progress or engagement event, or a certification's status change. Fields that do not apply to the kind are null." })
export class LearnerTimelineEntry {
  @Field(() => ID, { description: 'The stored event’s id (progress, engagement) or the certification milestone’s.' }) id: string;
  @Field(() => LearnerTimelineEntryKind) kind: LearnerTimelineEntryKind;
  @Field(() => Date, { description: 'When it happened.' }) occurredAt: Date;
  @Field(() => ID, { nullable: true, description: 'Progress and engagement: the course.' }) courseId: string | null;
  @Field(() => String, { nullable: true, description: 'The CONOCER competency standard: the course’s (progress), the one certified (certification).' })
  standardCode: string | null;
  @Field(() => Float, { nullable: true, description: 'Progress: completion from 0 to 100.' }) percent: number | null;
  @Field(() => EngagementActivity, { nullable: true, description: 'Engagement: what the learner did.' }) activity: EngagementActivity | null;
  @Field(() => Int, { nullable: true, description: 'Engagement: time spent, in seconds.' }) durationSeconds: number | null;
  @Field(() => ID, { nullable: true, description: 'Certification: the certification (conocer’s id).' }) certificationId: string | null;
  @Field(() => CertificationStatus, { nullable: true, description: 'Certification: the status it reached.' }) certificationStatus: CertificationStatus | null;
  @Field(() => String, { nullable: true, description: 'Certification: the CONOCER folio, once issued.' }) folio: string | null;
  @Field(() => String, { nullable: true, description: 'Certification: why it was rejected, as `CODE: message`.' }) reason: string | null;
}
