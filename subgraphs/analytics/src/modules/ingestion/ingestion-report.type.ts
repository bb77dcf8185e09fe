import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';

export const IngestionStatus = { STORED: 'STORED', DUPLICATE: 'DUPLICATE', REJECTED: 'REJECTED' } as const;
export type IngestionStatus = (typeof IngestionStatus)[keyof typeof IngestionStatus];

registerEnumType(IngestionStatus, {
  name: 'IngestionStatus',
  description: 'STORED: a new event; DUPLICATE: its clientEventId was already stored, nothing changed; REJECTED: dead-lettered with the reasons.',
});

@ObjectType({ description: 'What became of one event of a batch.' })
export class IngestionResult {
  @Field(() => Int, { description: 'Its position in the batch.' }) index: number;
  @Field(() => IngestionStatus) status: IngestionStatus;
  @Field(() => ID, { nullable: true, description: 'The stored event (for a duplicate, the one stored first).' }) eventId: string | null;
  @Directive('@listSize(assumedSize: 5)')
  @Field(() => [String], { description: 'Why it was rejected, one `field: problem` each; empty otherwise.' }) reasons: string[];
  @Field(() => ID, { nullable: true, description: 'The dead letter holding a rejected event, for `replayDeadLetters`; null when none is kept (an event about a deleted learner is discarded).' }) deadLetterId: string | null;
}

@ObjectType({ description: 'Per-event results of a batch, in the order sent, with counts.' })
export class IngestionReport {
  @Field(() => Int) stored: number;
  @Field(() => Int) duplicates: number;
  @Field(() => Int) rejected: number;
  // One per event sent; a typical batch, since @listSize cannot follow an input list's length.
  @Directive('@listSize(assumedSize: 100)')
  @Field(() => [IngestionResult]) results: IngestionResult[];
}
