import { Arg, Ctx, Directive, Mutation, Query, Resolver } from 'type-graphql';
import type { AnalyticsContext } from '../../context';
import { RegisterCourseInput } from './course.input';
import { Course } from './course.type';

@Resolver(() => Course)
export class CourseResolver {
  @Mutation(() => Course, { description: "Adds a course to the tenant's catalog, or updates it." })
  registerCourse(@Ctx() { courses }: AnalyticsContext, @Arg('input', () => RegisterCourseInput) input: RegisterCourseInput): Promise<Course> {
    return courses.register(input);
  }

  @Query(() => [Course], { description: "The tenant's course catalog." })
  @Directive('@listSize(assumedSize: 100)')
  courses(@Ctx() { courses }: AnalyticsContext): Promise<Course[]> {
    return courses.list();
  }
}
