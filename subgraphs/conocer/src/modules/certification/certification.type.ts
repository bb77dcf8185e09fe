import { ConnectionType } from '@academy/subgraph-kit';
import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum CertificationStatus {
  PENDING = 'PENDING',
  SUBMITTED = 'SUBMITTED',
  ISSUED = 'ISSUED',
  REJECTED = 'REJECTED',
}
registerEnumType(CertificationStatus, {
  name: 'CertificationStatus',
  description: 'PENDING: generated, waiting to reach the provider; SUBMITTED: received by the provider; ISSUED: certified, with a folio; REJECTED: not certified (see `reason`).',
});

export enum Judgment {
  COMPETENTE = 'COMPETENTE',
  TODAVIA_NO_COMPETENTE = 'TODAVIA_NO_COMPETENTE',
}
registerEnumType(Judgment, { name: 'Judgment', description: 'The evaluator’s judgment against the standard, as CONOCER records it.' });

export enum SagaStatus {
  RUNNING = 'RUNNING',
  WAITING = 'WAITING',
  COMPENSATING = 'COMPENSATING',
  COMPLETED = 'COMPLETED',
  COMPENSATED = 'COMPENSATED',
  FAILED = 'FAILED',
}
registerEnumType(SagaStatus, {
  name: 'CertificationSagaStatus',
  description: 'WAITING: for the provider’s answer; COMPENSATED: failed and undone; FAILED: a step after the submission kept failing and needs an operator.',
});

export enum SagaStepStatus {
  PENDING = 'PENDING',
  DONE = 'DONE',
  WAITING = 'WAITING',
  FAILED = 'FAILED',
  COMPENSATED = 'COMPENSATED',
}
registerEnumType(SagaStepStatus, { name: 'CertificationSagaStepStatus' });

@ObjectType({ description: 'Why a certification was not issued.' })
export class CertificationReason {
  @Field({ description: 'The provider’s (or the saga’s) code, e.g. `CURP_NOT_FOUND`, `NOT_COMPETENT`, `SUBMISSION_FAILED`.' }) code: string;
  @Field() message: string;
}

@ObjectType()
export class CertificationSagaStep {
  @Field({ description: 'validateCompletion, generateCertificate, submitToProvider, updateLearnerProfile or sendNotification.' }) name: string;
  @Field(() => SagaStepStatus) status: SagaStepStatus;
  @Field(() => Date, { nullable: true }) at: Date | null;
  @Field(() => String, { nullable: true, description: 'Why it failed, or what it is retrying after.' }) detail: string | null;
}

@ObjectType({ description: 'The certification saga behind a certification (staff only).' })
export class CertificationSaga {
  @Field(() => ID) id: string;
  @Field(() => SagaStatus) status: SagaStatus;
  @Field(() => [CertificationSagaStep])
  @Directive('@listSize(assumedSize: 5)')
  steps: CertificationSagaStep[];
  @Field(() => CertificationReason, { nullable: true }) failure: CertificationReason | null;
}

@ObjectType({ description: 'A learner’s certification in a CONOCER competency standard.' })
@Directive('@key(fields: "id")')
export class Certification {
  @Field(() => ID) id: string;
  @Field(() => ID) learnerId: string;
  @Field({ description: 'The standard certified, e.g. `EC0217.01`; `standard` has its title.' }) standardCode: string;
  @Field(() => Judgment) judgment: Judgment;
  @Field({ description: 'YYYY-MM-DD.' }) evaluatedOn: string;
  @Field({ description: 'The ECE/OC that evaluated and certifies, e.g. `ECE-00001`.' }) evaluationCenterId: string;
  @Field({ description: 'The candidate’s CURP, masked (first 4 and last 2 characters).' }) maskedCurp: string;
  @Field(() => CertificationStatus) status: CertificationStatus;
  @Field({ description: 'The certification provider: `conocer` or `open-badges`.' }) provider: string;
  @Field(() => String, { nullable: true, description: 'The certificate’s folio once ISSUED.' }) folio: string | null;
  @Field(() => Date, { nullable: true }) issuedAt: Date | null;
  @Field(() => CertificationReason, { nullable: true, description: 'Set when REJECTED.' }) reason: CertificationReason | null;
  @Field(() => String, { nullable: true, description: 'The signed credential, for providers that issue one (Open Badges 3.0: a VC-JWT).' })
  credential: string | null;
  @Field(() => Int, { description: 'Deliveries to the provider so far.' }) submissionAttempts: number;
  @Field(() => String, { nullable: true, description: 'The last delivery error (staff only).' }) lastSubmissionError: string | null;
  @Field(() => Date, { nullable: true, description: 'Set when the retry budget ran out; a platform admin can replay it.' }) deadLetteredAt: Date | null;
  @Field(() => Date) createdAt: Date;
  @Field(() => Date) updatedAt: Date;
  /** For the `saga` field resolver; not in the schema. */
  sagaId: string;
}

export const CertificationConnection = ConnectionType(Certification);
export type CertificationConnection = InstanceType<typeof CertificationConnection>;
