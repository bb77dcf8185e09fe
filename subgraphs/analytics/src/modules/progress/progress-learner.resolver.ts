import { FieldResolver, Resolver, Root } from 'type-graphql';
import { Learner } from './learner.type';
import { ProgressEvent } from './progress-event.type';

@Resolver(() => ProgressEvent)
export class ProgressLearnerResolver {
  @FieldResolver(() => Learner, {
    nullable: true,
    description: 'The learner who made the progress, from tenancy; null when tenancy has no such learner in the tenant.',
  })
  learner(@Root() event: ProgressEvent): Learner {
    // A reference only: the gateway resolves it in tenancy, which answers null for an unregistered id.
    return { id: event.learnerId };
  }
}
