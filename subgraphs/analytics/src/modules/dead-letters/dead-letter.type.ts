import { ConnectionType } from '@academy/subgraph-kit';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'An event the pipeline could not store, kept with the reasons until it is replayed.' })
export class DeadLetter {
  @Field(() => ID) id: string;
  @Field({ description: '`progress`, `engagement` (pipeline events) or `certification` (a `certification.updated` event for the learner timeline).' }) kind: string;
  @Field({ description: 'How the event arrived: `api`, `bus` or `replay`.' }) source: string;
  @Field({ description: 'The step that refused it: `validation` or `enrichment`.' }) stage: string;
  @Directive('@listSize(assumedSize: 5)')
  @Field(() => [String], { description: 'Every reason, one `field: problem` each (from the latest attempt).' }) reasons: string[];
  @Field({ description: 'The event as received, as JSON.' }) payload: string;
  @Field(() => Date) receivedAt: Date;
  @Field(() => Int, { description: 'Times it went through the pipeline, replays included.' }) attempts: number;
  @Field(() => Date, { nullable: true }) lastAttemptAt: Date | null;
  @Field(() => Date, { nullable: true, description: 'When a replay stored it; resolved letters are listed only on request.' }) resolvedAt: Date | null;
  @Field(() => ID, { nullable: true, description: 'The event a replay stored (or found already stored).' }) resolvedEventId: string | null;
}

export const DeadLetterConnection = ConnectionType(DeadLetter);
export type DeadLetterConnection = InstanceType<typeof DeadLetterConnection>;
