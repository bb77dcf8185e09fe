import { Arg, Ctx, Directive, ID, Query, Resolver } from 'type-graphql';
import type { AnalyticsContext } from '../../context';
import { CourseAnalytics, TenantAnalytics } from './analytics-period.type';
import { AnalyticsRangeInput } from './analytics-range.input';
import { AnalyticsGranularity } from './granularity';
import { LearnerProgress } from './learner-progress.type';

@Resolver()
export class AggregatesResolver {
  @Query(() => CourseAnalytics, {
    description:
      "One course of the caller's tenant per day, week or month over `range` (at most 366 days by day, 731 by week, 1827 by month). Tenant admins and instructors. Closed periods come from the aggregate jobs (cached for an hour), the current one from the events stored so far.",
  })
  // Each period aggregates many events; a year by day is the largest answer.
  @Directive('@cost(weight: 5)')
  courseAnalytics(
    @Ctx() { aggregates }: AnalyticsContext,
    @Arg('courseId', () => ID) courseId: string,
    @Arg('range', () => AnalyticsRangeInput) range: AnalyticsRangeInput,
    @Arg('granularity', () => AnalyticsGranularity, { defaultValue: AnalyticsGranularity.DAY }) granularity: AnalyticsGranularity,
  ): Promise<CourseAnalytics> {
    return aggregates.courseAnalytics(courseId, range, granularity);
  }

  @Query(() => TenantAnalytics, {
    description: "The caller's tenant, all courses together, per day, week or month over `range` (same limits and sources as `courseAnalytics`). Tenant admins and instructors.",
  })
  @Directive('@cost(weight: 5)')
  tenantAnalytics(
    @Ctx() { aggregates }: AnalyticsContext,
    @Arg('range', () => AnalyticsRangeInput) range: AnalyticsRangeInput,
    @Arg('granularity', () => AnalyticsGranularity, { defaultValue: AnalyticsGranularity.DAY }) granularity: AnalyticsGranularity,
  ): Promise<TenantAnalytics> {
    return aggregates.tenantAnalytics(range, granularity);
  }

  @Query(() => LearnerProgress, {
    description: "A learner's progress per course in the caller's tenant, up to the latest stored event. Learners may ask only for themselves (FORBIDDEN otherwise); instructors, tenant admins and partners with `progress:read` for anyone.",
  })
  learnerProgress(@Ctx() { aggregates }: AnalyticsContext, @Arg('learnerId', () => ID) learnerId: string): Promise<LearnerProgress> {
    return aggregates.learnerProgress(learnerId);
  }
}
