import { Arg, Ctx, Directive, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { AnalyticsContext } from '../../context';
import { LearnerProgress } from '../aggregates';
import { LearnerTimelineEntry } from './learner-timeline.type';

@Resolver(() => LearnerProgress)
export class LearnerTimelineResolver {
  @FieldResolver(() => [LearnerTimelineEntry], {
    description:
      "What happened to the learner, newest first: progress and engagement events and certification status changes. At most `first` (1 to 100) entries that happened before `before` (exclusive); for the next page, pass the last entry's `occurredAt`. Entries of one instant are not split across pages (unless more than `first` share it), so a page may hold fewer than `first`; an empty page is the end.",
  })
  @Directive('@listSize(slicingArguments: ["first"], requireOneSlicingArgument: false)')
  timeline(
    @Root() { learnerId }: LearnerProgress,
    @Ctx() { timeline }: AnalyticsContext,
    @Arg('first', () => Int, { defaultValue: 20 }) first: number,
    @Arg('before', () => Date, { nullable: true, description: 'Only entries that happened before this instant.' }) before?: Date | null,
  ): Promise<LearnerTimelineEntry[]> {
    return timeline.timeline(learnerId, first, before ?? null);
  }
}
