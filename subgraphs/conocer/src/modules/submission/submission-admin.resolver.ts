import { Ctx, Directive, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { ConocerContext } from '../../context';
import { Audited } from '../audit';
import { DeadLetteredSubmission } from './dead-lettered-submission.type';

@Resolver(() => DeadLetteredSubmission)
export class SubmissionAdminResolver {
  @Query(() => [DeadLetteredSubmission], { description: 'Submissions that exhausted their retry budget, oldest first, at most 1000 (platform admins).' })
  @Directive('@listSize(assumedSize: 100)')
  deadLetteredSubmissions(@Ctx() { submissionAdmin }: ConocerContext): Promise<DeadLetteredSubmission[]> {
    return submissionAdmin.deadLetters();
  }

  @Mutation(() => Int, { description: 'Sends every dead-lettered submission again with a fresh retry budget; returns how many (platform admins).' })
  @Audited({ action: 'certification-submissions.replay', target: () => 'certification-submissions' })
  replayDeadLetteredSubmissions(@Ctx() { submissionAdmin }: ConocerContext): Promise<number> {
    return submissionAdmin.replay();
  }
}
