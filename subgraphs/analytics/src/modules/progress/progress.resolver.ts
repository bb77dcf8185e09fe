import { Arg, Ctx, Directive, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { AnalyticsContext } from '../../context';
import { CompetencyStandard } from './competency-standard.type';
import { RecordProgressInput } from './progress-event.input';
import { ProgressEvent, ProgressEventConnection } from './progress-event.type';

@Resolver(() => ProgressEvent)
export class ProgressResolver {
  @Mutation(() => ProgressEvent, {
    description: "Records progress for the caller's tenant. Repeating a `clientEventId` returns the event already stored.",
  })
  recordProgress(@Ctx() { progress }: AnalyticsContext, @Arg('input', () => RecordProgressInput) input: RecordProgressInput): Promise<ProgressEvent> {
    return progress.record(input);
  }

  @Query(() => ProgressEventConnection, { description: "The caller's tenant's progress events, newest first." })
  @Directive('@listSize(slicingArguments: ["first"], sizedFields: ["edges", "nodes"])')
  progressEvents(
    @Ctx() { progress }: AnalyticsContext,
    @Arg('learnerId', () => String, { nullable: true }) learnerId?: string | null,
    @Arg('courseId', () => String, { nullable: true }) courseId?: string | null,
    @Arg('first', () => Int, { defaultValue: 20 }) first = 20,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ): Promise<ProgressEventConnection> {
    return progress.list({ learnerId, courseId }, first, after);
  }

  @FieldResolver(() => CompetencyStandard, { nullable: true, description: 'The CONOCER standard the course prepares for, if any.' })
  standard(@Root() event: ProgressEvent): CompetencyStandard | null {
    // A reference only: the gateway resolves the rest of the standard in conocer.
    return event.standardCode ? { code: event.standardCode } : null;
  }
}
