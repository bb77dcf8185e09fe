import { FieldResolver, Resolver, Root } from 'type-graphql';
import { EventLineageType, lineageView } from '../events';
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

  @FieldResolver(() => EventLineageType, { nullable: true, description: 'Where the event came from and the pipeline steps it went through; null on events streamed live.' })
  lineage(@Root() event: ProgressEvent): EventLineageType | null {
    return lineageView(event.lineage);
  }
}
