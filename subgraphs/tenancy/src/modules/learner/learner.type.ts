import { ConnectionType } from '@academy/subgraph-kit';
import { Directive, Field, ID, ObjectType } from 'type-graphql';

@ObjectType({ description: 'A learner of the caller’s tenant, identified by the subject (`sub`) of the learner’s tokens.' })
@Directive('@key(fields: "id")')
export class Learner {
  @Field(() => ID, { description: 'The learner’s token subject; unique within the tenant.' }) id: string;
  /** Never exposed directly (`tenant` is): the authorization rules check it against the caller's tenant. */
  tenantId: string;
  @Field({ description: 'The name shown to instructors and administrators.' }) displayName: string;
  /** Exposed by `LearnerResolver.email`, which shows it only to those allowed to see it. */
  email: string | null;
  @Field(() => Date) createdAt: Date;
}

export const LearnerConnection = ConnectionType(Learner);
export type LearnerConnection = InstanceType<typeof LearnerConnection>;
