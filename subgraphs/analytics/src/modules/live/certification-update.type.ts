import { Field, ID, ObjectType } from 'type-graphql';
import type { CompetencyStandard } from '../progress';
import { CertificationStatus } from './certification-status';

@ObjectType({ description: "A change of a certification's status, as conocer reported it." })
export class CertificationUpdate {
  @Field(() => ID) certificationId: string;
  @Field() learnerId: string;
  @Field(() => CertificationStatus) status: CertificationStatus;
  @Field(() => String, { nullable: true, description: 'The CONOCER folio, once issued.' }) folio: string | null;
  @Field(() => String, { nullable: true, description: 'Why CONOCER rejected it, when it did.' }) reason: string | null;
  @Field(() => Date) occurredAt: Date;
  /** Exposed as `standard`, a reference the gateway resolves in conocer. */
  standardCode: string;
}

/** A reference only: the gateway resolves the rest of the standard in conocer. */
export function standardOf(update: CertificationUpdate): CompetencyStandard {
  return { code: update.standardCode };
}
