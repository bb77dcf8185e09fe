import { IsOptional, MaxLength } from 'class-validator';
import { Field, InputType } from 'type-graphql';

@InputType()
export class CertificationProgramInput {
  @Field()
  @MaxLength(20)
  standardCode: string;

  @Field()
  @MaxLength(32)
  evaluationCenterId: string;

  @Field(() => String, { nullable: true, description: 'A provider plugin (`conocer`, `open-badges`); omitted: the configured default.' })
  @IsOptional()
  @MaxLength(32)
  provider?: string | null;

  @Field({ defaultValue: false })
  autoCertify: boolean;
}
