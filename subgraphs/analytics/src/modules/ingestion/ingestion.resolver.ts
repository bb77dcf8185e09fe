import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import type { AnalyticsContext } from '../../context';
import { EventLineageType, lineageView } from '../events';
import { Learner } from '../progress';
import { EngagementEventItemInput, ProgressEventItemInput } from './batch-item.input';
import { RecordEngagementInput } from './engagement-event.input';
import { EngagementEvent } from './engagement-event.type';
import { IngestionReport } from './ingestion-report.type';

@Resolver(() => EngagementEvent)
export class IngestionResolver {
  @Mutation(() => EngagementEvent, {
    description: "Records engagement for the caller's tenant. Repeating a `clientEventId` returns the event already stored; a refused event is kept as a dead letter (`extensions.deadLetterId`).",
  })
  recordEngagement(@Ctx() { ingestion }: AnalyticsContext, @Arg('input', () => RecordEngagementInput) input: RecordEngagementInput): Promise<EngagementEvent> {
    return ingestion.recordEngagement(input);
  }

  @Mutation(() => IngestionReport, { description: 'Records up to 1,000 progress events at once, with a result per event: stored, duplicate, or rejected into the dead letters.' })
  recordProgressBatch(@Ctx() { ingestion }: AnalyticsContext, @Arg('events', () => [ProgressEventItemInput]) events: ProgressEventItemInput[]): Promise<IngestionReport> {
    return ingestion.recordBatch('progress', events);
  }

  @Mutation(() => IngestionReport, { description: 'Records up to 1,000 engagement events at once, with a result per event: stored, duplicate, or rejected into the dead letters.' })
  recordEngagementBatch(@Ctx() { ingestion }: AnalyticsContext, @Arg('events', () => [EngagementEventItemInput]) events: EngagementEventItemInput[]): Promise<IngestionReport> {
    return ingestion.recordBatch('engagement', events);
  }

  @FieldResolver(() => Learner, { nullable: true, description: 'The learner, from tenancy; null when tenancy has no such learner in the tenant.' })
  learner(@Root() event: EngagementEvent): Learner {
    return { id: event.learnerId };
  }

  @FieldResolver(() => EventLineageType, { nullable: true, description: 'Where the event came from and the pipeline steps it went through.' })
  lineage(@Root() event: EngagementEvent): EventLineageType | null {
    return lineageView(event.lineage);
  }
}
