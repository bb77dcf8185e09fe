import { ArrayMaxSize, MaxLength, MinLength } from 'class-validator';
import { Field, InputType } from 'type-graphql';

@InputType({ description: 'The course to score, as its author describes it.' })
export class SolarpunkCourseInput {
  @Field()
  @MinLength(1)
  @MaxLength(200)
  title: string;

  @Field({ description: 'The syllabus or description; searched for evidence of each criterion.' })
  @MaxLength(20_000)
  description: string;

  @Field(() => [String], { defaultValue: [] })
  @ArrayMaxSize(50)
  @MaxLength(1000, { each: true })
  learningOutcomes: string[];

  @Field(() => [String], { defaultValue: [], description: 'The EC standards the course prepares for, e.g. `EC0586.01`.' })
  @ArrayMaxSize(20)
  @MaxLength(20, { each: true })
  standardCodes: string[];

  @Field(() => [String], { defaultValue: [], description: 'Practices the course declares, from the rubric (e.g. `MEASURES_FOOTPRINT`, `COMMUNITY_PROJECT`); see the README.' })
  @ArrayMaxSize(50)
  @MaxLength(64, { each: true })
  practices: string[];
}
