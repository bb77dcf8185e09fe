import { Arg, Ctx, Directive, FieldResolver, ID, Int, Resolver, Root } from 'type-graphql';
import type { AnalyticsContext } from '../../context';
import { LearnerProgress } from '../aggregates';
import { LearnerTimelineEntry } from './learner-timeline.type';

@Resolver(() => LearnerProgress)
export class LearnerTimelineResolver {
  @FieldResolver(() => [LearnerTimelineEntry], {
    description:
      "What happened to the learner, newest first: progress and engagement events and certification status changes. At most `first` (1 to 100) entries. For the next page pass the last entry's `occurredAt` as `before` and its `id` as `beforeId`: the page continues exactly after it. With `before` alone, that whole instant is excluded, and a page never splits an instant (unless more than `first` entries share it), so it may hold fewer than `first`. An empty page is the end.",
  })
  @Directive('@listSize(slicingArguments: ["first"], requireOneSlicingArgument: false)')
  timeline(
    @Root() { learnerId }: LearnerProgress,
    @Ctx() { timeline }: AnalyticsContext,
    @Arg('first', () => Int, { defaultValue: 20 }) first: number,
    @Arg('before', () => Date, { nullable: true, description: 'Only entries that happened before this instant (with `beforeId`: or at it, ordered after that entry).' }) before?: Date | null,
    @Arg('beforeId', () => ID, { nullable: true, description: "The last entry's id of the previous page; needs `before`." }) beforeId?: string | null,
  ): Promise<LearnerTimelineEntry[]> {
    return timeline.timeline(learnerId, first, before ?? null, beforeId ?? null);
  }
}
