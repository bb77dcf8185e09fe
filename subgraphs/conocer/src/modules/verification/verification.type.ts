import { Directive, Field, ObjectType, registerEnumType } from 'type-graphql';

export enum VerificationSource {
  PLATFORM = 'PLATFORM',
  PROVIDER = 'PROVIDER',
}
registerEnumType(VerificationSource, {
  name: 'VerificationSource',
  description: 'PLATFORM: issued through this platform; PROVIDER: known to the certification provider (e.g. CONOCER) only.',
});

@ObjectType({ description: 'A certificate as public verification shows it: no names, no tenant, the CURP masked.' })
export class VerifiedCertificate {
  @Field() folio: string;
  @Field() standardCode: string;
  @Field(() => String, { nullable: true }) standardTitle: string | null;
  @Field({ description: 'The holder’s CURP, first 4 and last 2 characters only.' }) maskedCurp: string;
  @Field(() => Date) issuedAt: Date;
  @Field(() => String, { nullable: true, description: 'The ECE/OC that certified.' }) evaluationCenterId: string | null;
  @Field({ description: 'Who issued it: `CONOCER`, or the Open Badges issuer’s name.' }) issuer: string;
  @Field(() => VerificationSource) source: VerificationSource;
}

@ObjectType({ description: 'The answer to `verifyCertification`: the valid certificates found, none when the folio or CURP has none.' })
export class CertificateVerification {
  @Field({ description: 'At least one valid certificate matched.' }) valid: boolean;
  @Field(() => [VerifiedCertificate])
  // At most 100 from the platform; a holder rarely has more than a handful.
  @Directive('@listSize(assumedSize: 10)')
  certificates: VerifiedCertificate[];
}
