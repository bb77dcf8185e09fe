import { Directive, Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { CertificationStatus } from '../live';

@ObjectType({ description: 'One learning event as analytics stores it.' })
export class LearnerEventRecord {
  @Field(() => ID) id: string;
  @Field(() => String, { description: '`progress` or `engagement`.' }) kind: string;
  @Field(() => String) courseId: string;
  @Field(() => String, { nullable: true }) standardCode: string | null;
  @Field(() => Float, { nullable: true }) percent: number | null;
  @Field(() => String, { nullable: true }) activity: string | null;
  @Field(() => Int, { nullable: true }) durationSeconds: number | null;
  @Field(() => Date) occurredAt: Date;
  @Field(() => Date) receivedAt: Date;
  @Field(() => String, { description: 'Where it came from: api, bus, replay or seed.' }) source: string;
}

@ObjectType({ description: 'A certification of the learner reaching a status, as analytics recorded it from conocer for the timeline.' })
export class LearnerCertificationMilestone {
  @Field(() => ID, { description: 'The certification (conocer’s id).' }) certificationId: string;
  @Field(() => String) standardCode: string;
  @Field(() => CertificationStatus) status: CertificationStatus;
  @Field(() => String, { nullable: true }) folio: string | null;
  @Field(() => String, { nullable: true, description: 'Why it was rejected, as `CODE: message`.' }) reason: string | null;
  @Field(() => Date) occurredAt: Date;
  @Field(() => Date, { description: 'When analytics stored it.' }) receivedAt: Date;
}

@ObjectType({ description: 'The learner’s standing in one course.' })
export class LearnerCourseStanding {
  @Field(() => String) courseId: string;
  @Field(() => Float, { description: 'The latest reported percent.' }) percent: number;
  @Field(() => Date) lastActivityAt: Date;
  @Field(() => Date, { nullable: true }) completedAt: Date | null;
}

@ObjectType({ description: 'What analytics holds about a learner.' })
export class LearnerAnalyticsData {
  @Directive('@listSize(assumedSize: 500)')
  @Field(() => [LearnerEventRecord], { description: 'Every stored event, oldest first: the learner’s timeline.' }) events: LearnerEventRecord[];
  // A handful per certification (PENDING → SUBMITTED → ISSUED or REJECTED), a few certifications.
  @Directive('@listSize(assumedSize: 20)')
  @Field(() => [LearnerCertificationMilestone], { description: 'The certification status changes in the learner’s timeline, oldest first.' })
  certificationMilestones: LearnerCertificationMilestone[];
  @Directive('@listSize(assumedSize: 10)')
  @Field(() => [LearnerCourseStanding], { description: 'Per course: latest progress and completion.' }) progress: LearnerCourseStanding[];
  @Field(() => Int, { description: 'API operations in the usage log made with the learner’s own token.' }) apiOperations: number;
}

/** Owned by tenancy (`learnerDataExport`); analytics contributes its section. No description, so tenancy's shows. */
@ObjectType()
@Directive('@key(fields: "learnerId")')
export class LearnerDataExport {
  @Field(() => ID) learnerId: string;
}
