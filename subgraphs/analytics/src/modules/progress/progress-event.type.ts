import { ConnectionType } from '@academy/subgraph-kit';
import { Directive, Field, Float, ID, ObjectType } from 'type-graphql';
import type { EventLineage } from '../events';

@ObjectType({ description: "A learner's reported progress in a course at one moment." })
@Directive('@key(fields: "id")')
export class ProgressEvent {
  @Field(() => ID) id: string;
  /** Never exposed: the caller's tenant is implied; batches use it to group rows by tenant. */
  tenantId: string;
  @Field() learnerId: string;
  @Field() courseId: string;
  /** Exposed as `standard`, a reference the gateway resolves in conocer. */
  standardCode: string | null;
  @Field(() => Float, { description: 'Completion from 0 to 100.' }) percent: number;
  @Field(() => Date, { description: 'When the learner made the progress (as reported by the client).' }) occurredAt: Date;
  @Field(() => Date, { description: 'When analytics stored the event.' }) receivedAt: Date;
  /** Exposed as `lineage` (ProgressLineageResolver); absent on events streamed live. */
  lineage?: EventLineage | null;
}

export const ProgressEventConnection = ConnectionType(ProgressEvent);
export type ProgressEventConnection = InstanceType<typeof ProgressEventConnection>;
