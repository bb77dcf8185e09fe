import { Directive, Field, Float, ID, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: "A learner's progress in one course, from all of the learner's events." })
export class LearnerCourseProgress {
  @Field(() => ID) courseId: string;
  @Field(() => Float, { description: 'The percent of the latest progress event (0 before any).' }) percent: number;
  @Field(() => Float, { description: 'The highest percent reported.' }) bestPercent: number;
  @Field(() => Int) progressEvents: number;
  @Field(() => Int) engagementEvents: number;
  @Field(() => Float, { description: 'Time spent, in minutes.' }) engagementMinutes: number;
  @Field(() => Date, { nullable: true, description: 'When 100 % was first reported.' }) completedAt: Date | null;
  @Field(() => Date) firstActivityAt: Date;
  @Field(() => Date) lastActivityAt: Date;
}

@ObjectType({ description: "A learner's progress per course in the caller's tenant." })
export class LearnerProgress {
  @Field(() => ID) learnerId: string;
  // A learner follows a handful of courses.
  @Directive('@listSize(assumedSize: 10)')
  @Field(() => [LearnerCourseProgress], { description: 'Courses with any event of the learner, most recently active first.' })
  courses: LearnerCourseProgress[];
}
