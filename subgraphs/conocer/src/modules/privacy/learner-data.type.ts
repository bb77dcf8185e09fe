import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { Notification } from '../notification';

@ObjectType({ description: 'One certification with its submission, as conocer stores it.' })
export class LearnerCertificationRecord {
  @Field(() => ID) id: string;
  @Field(() => String) standardCode: string;
  @Field(() => String) status: string;
  @Field(() => String) judgment: string;
  @Field(() => String) evaluatedOn: string;
  @Field(() => String) evaluationCenterId: string;
  @Field(() => String, { description: 'Personal data (identifier): in clear for the learner themself, masked for anyone else.' }) curp: string;
  @Field(() => String) provider: string;
  @Field(() => String, { nullable: true }) folio: string | null;
  @Field(() => Date, { nullable: true }) issuedAt: Date | null;
  @Field(() => Date, { nullable: true }) submittedAt: Date | null;
  @Field(() => Int) submissionAttempts: number;
  @Field(() => String, { nullable: true }) reasonCode: string | null;
  @Field(() => Date) createdAt: Date;
}

@ObjectType({ description: 'A course completion conocer keeps as evidence for certifications.' })
export class LearnerCompletionRecord {
  @Field(() => String) courseId: string;
  @Field(() => String, { nullable: true }) standardCode: string | null;
  @Field(() => Date) completedAt: Date;
}

@ObjectType({ description: 'What conocer holds about a learner.' })
export class LearnerCertificationData {
  @Field(() => String, { nullable: true, description: 'The CURP on file for automatic certification: in clear for the learner themself, masked for anyone else.' })
  candidateCurp: string | null;
  @Directive('@listSize(assumedSize: 10)')
  @Field(() => [String]) certifiedStandards: string[];
  @Directive('@listSize(assumedSize: 10)')
  @Field(() => [LearnerCertificationRecord]) certifications: LearnerCertificationRecord[];
  @Directive('@listSize(assumedSize: 10)')
  @Field(() => [LearnerCompletionRecord]) completions: LearnerCompletionRecord[];
  @Directive('@listSize(assumedSize: 50)')
  @Field(() => [Notification]) notifications: Notification[];
}

/** Owned by tenancy (`learnerDataExport`); conocer contributes its section. No description, so tenancy's shows. */
@ObjectType()
@Directive('@key(fields: "learnerId")')
export class LearnerDataExport {
  @Field(() => ID) learnerId: string;
}
