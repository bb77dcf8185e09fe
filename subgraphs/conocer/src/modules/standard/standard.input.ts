import { IsOptional, Max, MaxLength, Min } from 'class-validator';
import { Field, InputType, Int } from 'type-graphql';

@InputType({ description: 'Every given field must match; omitted fields do not filter.' })
export class CompetencyStandardFilter {
  @Field({ nullable: true, description: 'Words that must all appear in the title or code; accents and case are ignored.' })
  @IsOptional()
  @MaxLength(200)
  search?: string;

  @Field({ nullable: true, description: 'Exact sector name, as listed by `competencySectors`.' })
  @IsOptional()
  @MaxLength(255)
  sector?: string;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @Min(1)
  @Max(5)
  level?: number;

  @Field({ nullable: true, description: 'Exact committee name.' })
  @IsOptional()
  @MaxLength(255)
  committee?: string;
}
