import { Field, ID, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'A submission that exhausted its retry budget; `replayDeadLetteredSubmissions` sends it again.' })
export class DeadLetteredSubmission {
  @Field(() => ID) certificationId: string;
  @Field(() => ID) tenantId: string;
  @Field({ description: 'The last error, e.g. the provider being unavailable.' }) reason: string;
  @Field(() => Int) attempts: number;
  @Field(() => Date) failedAt: Date;
}
