import { Directive, Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { EngagementActivity } from '../ingestion';
import { AnalyticsGranularity } from './granularity';

@ObjectType({ description: 'Engagement with one kind of activity over a period.' })
export class ActivityEngagement {
  @Field(() => EngagementActivity) activity: EngagementActivity;
  @Field(() => Int) events: number;
  @Field(() => Float, { description: 'Time spent, in minutes.' }) minutes: number;
}

@ObjectType({ description: 'What happened in one period. Anonymous counts: no learner is named.' })
export class AnalyticsPeriod {
  @Field(() => Date, { description: 'Start of the period (UTC), inclusive.' }) start: Date;
  @Field(() => Date, { description: 'End of the period, exclusive.' }) end: Date;
  @Field({ description: 'True for the period still in progress: its figures are read from the events stored so far and grow until it ends.' })
  partial: boolean;
  @Field(() => Int, { description: 'Progress and engagement events.' }) events: number;
  @Field(() => Int, { description: 'Distinct learners with at least one event.' }) activeLearners: number;
  @Field(() => Int) progressEvents: number;
  @Field(() => Int, { description: 'Learners who reported 100 % in the period (per course; for a tenant, learner–course pairs).' })
  completions: number;
  @Field(() => Float, { nullable: true, description: 'Mean percent of the progress events; null without any.' })
  averageProgress: number | null;
  @Field(() => Int) engagementEvents: number;
  @Field(() => Float, { description: 'Time spent in engagement events, in minutes.' }) engagementMinutes: number;
  // At most one per activity (six).
  @Directive('@listSize(assumedSize: 6)')
  @Field(() => [ActivityEngagement], { description: 'Engagement per activity, activities without events left out.' })
  engagementByActivity: ActivityEngagement[];
}

@ObjectType({ description: "One course's figures per period over a range." })
export class CourseAnalytics {
  @Field(() => ID) courseId: string;
  @Field(() => AnalyticsGranularity) granularity: AnalyticsGranularity;
  // A month by day; the range limits allow up to 366.
  @Directive('@listSize(assumedSize: 31)')
  @Field(() => [AnalyticsPeriod], { description: 'Every period overlapping the range up to the current one, oldest first; periods without events have zeros.' })
  periods: AnalyticsPeriod[];
}

@ObjectType({ description: "The caller's tenant's figures per period over a range, all courses together (a learner active in two courses counts once)." })
export class TenantAnalytics {
  @Field(() => AnalyticsGranularity) granularity: AnalyticsGranularity;
  // A month by day; the range limits allow up to 366.
  @Directive('@listSize(assumedSize: 31)')
  @Field(() => [AnalyticsPeriod], { description: 'Every period overlapping the range up to the current one, oldest first; periods without events have zeros.' })
  periods: AnalyticsPeriod[];
}
