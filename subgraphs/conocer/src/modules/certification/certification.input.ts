import { IsIn, IsOptional, Matches, MaxLength, MinLength } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { CertificationStatus, Judgment } from './certification.type';

@InputType({ description: 'An evaluation to certify. Checked in full before anything is written.' })
export class SubmitCertificationInput {
  @Field(() => ID, { description: 'The learner (their user id in the tenant).' })
  @MinLength(1)
  @MaxLength(100)
  learnerId: string;

  @Field({ description: 'The candidate’s CURP (18 characters; case and surrounding spaces are ignored).' })
  @MaxLength(40)
  curp: string;

  @Field({ description: 'A current RENEC standard, e.g. `EC0217.01`.' })
  @MaxLength(20)
  standardCode: string;

  @Field(() => Judgment)
  judgment: Judgment;

  @Field({ description: 'The evaluation day, YYYY-MM-DD; not in the future.' })
  @MaxLength(10)
  evaluatedOn: string;

  @Field({ description: 'The ECE/OC accredited for the standard in RENEC, e.g. `ECE-00001`.' })
  @MaxLength(32)
  evaluationCenterId: string;

  @Field({
    defaultValue: false,
    description:
      'Staff (tenant_admin, instructor, platform_admin, partner keys with certifications:write) may assert the course completion themselves; otherwise a recorded `course.completed` for this learner and standard is required.',
  })
  assertCompletion: boolean;

  @Field({ nullable: true, description: 'Makes retries safe: the same id returns the certification the first request started.' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9._:-]{1,100}$/, { message: 'clientRequestId: 1–100 of A–Z a–z 0–9 . _ : -' })
  clientRequestId?: string;
}

@InputType({ description: 'Every given field must match.' })
export class CertificationFilter {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @MaxLength(100)
  learnerId?: string;

  @Field(() => CertificationStatus, { nullable: true })
  @IsOptional()
  @IsIn(Object.values(CertificationStatus))
  status?: CertificationStatus;

  @Field({ nullable: true })
  @IsOptional()
  @MaxLength(20)
  standardCode?: string;
}
