import { IsOptional, Length, Matches } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { STANDARD_CODE_PATTERN } from '../events';

@InputType()
export class RegisterCourseInput {
  @Field()
  @Length(1, 100)
  courseId: string;

  @Field()
  @Length(1, 200)
  title: string;

  @Field(() => String, { nullable: true, description: 'The CONOCER standard the course prepares for, e.g. `EC0217.01`.' })
  @IsOptional()
  @Matches(STANDARD_CODE_PATTERN, { message: 'standardCode must look like EC0217 or EC0217.01' })
  standardCode?: string | null;
}
