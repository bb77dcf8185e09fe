import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { TenancyContext } from '../../context';
import { Audited } from '../audit';
import { LearnerCancellation, LearnerDataExport } from './learner-data-export.type';

const target = (args: Record<string, unknown>) => `learner/${String(args.learnerId)}`;

@Resolver()
export class LearnerPrivacyResolver {
  @Query(() => LearnerDataExport, {
    description: 'Everything held about a learner of the caller’s tenant, across subgraphs (LFPDPPP ARCO access): the learner themself or a tenant admin. Audited.',
  })
  @Audited({ action: 'learner.data.export', target })
  learnerDataExport(@Ctx() { privacy }: TenancyContext, @Arg('learnerId', () => ID) learnerId: string): Promise<LearnerDataExport> {
    return privacy.export(learnerId);
  }

  @Query(() => LearnerCancellation, { nullable: true, description: 'The learner’s cancellation request, if any (the learner themself or a tenant admin).' })
  learnerCancellation(@Ctx() { privacy }: TenancyContext, @Arg('learnerId', () => ID) learnerId: string): Promise<LearnerCancellation | null> {
    return privacy.cancellation(learnerId);
  }

  @Mutation(() => LearnerCancellation, {
    description:
      'Cancellation, step 1 (the learner themself or a tenant admin): blocks the learner’s data in every subgraph at once, and deletes it when the blocking period ends. Repeating it returns the standing request.',
  })
  @Audited({ action: 'learner.cancellation.request', target })
  requestLearnerCancellation(@Ctx() { privacy }: TenancyContext, @Arg('learnerId', () => ID) learnerId: string): Promise<LearnerCancellation> {
    return privacy.request(learnerId);
  }

  @Mutation(() => LearnerCancellation, { description: 'Cancellation, step 2 before the blocking period ends (tenant admins): deletes the learner’s data in every subgraph.' })
  @Audited({ action: 'learner.cancellation.confirm', target })
  confirmLearnerCancellation(@Ctx() { privacy }: TenancyContext, @Arg('learnerId', () => ID) learnerId: string): Promise<LearnerCancellation> {
    return privacy.confirm(learnerId);
  }
}
