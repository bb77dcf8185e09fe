import { Arg, Ctx, Directive, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { AnalyticsContext } from '../../context';
import { IngestionReport } from '../ingestion';
import { DeadLetter, DeadLetterConnection } from './dead-letter.type';

@Resolver(() => DeadLetter)
export class DeadLetterResolver {
  @Query(() => DeadLetterConnection, { description: "Events the pipeline refused, oldest first: the tenant's for tenant admins, every tenant's for platform admins outside a tenant." })
  @Directive('@listSize(slicingArguments: ["first"], sizedFields: ["edges", "nodes"])')
  pipelineDeadLetters(
    @Ctx() { deadLetters }: AnalyticsContext,
    @Arg('first', () => Int, { defaultValue: 20 }) first = 20,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
    @Arg('includeResolved', () => Boolean, { defaultValue: false, description: 'Also those a replay stored.' }) includeResolved = false,
  ): Promise<DeadLetterConnection> {
    return deadLetters.list(first, after, includeResolved);
  }

  @Mutation(() => IngestionReport, {
    description: 'Sends up to 500 dead letters through the pipeline again, with a result per letter in the order given; those stored now leave the list, the others keep their new reasons.',
  })
  replayDeadLetters(@Ctx() { deadLetters }: AnalyticsContext, @Arg('ids', () => [ID]) ids: string[]): Promise<IngestionReport> {
    return deadLetters.replay(ids);
  }
}
