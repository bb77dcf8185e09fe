import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';

export enum CancellationState {
  BLOCKED = 'BLOCKED',
  DELETED = 'DELETED',
}
registerEnumType(CancellationState, { name: 'CancellationState', description: 'LFPDPPP cancellation: blocked (kept, not processed or shown), then deleted.' });

@ObjectType({ description: 'A learner’s cancellation request and where it stands.' })
export class LearnerCancellation {
  @Field(() => ID) id: string;
  @Field(() => ID) learnerId: string;
  @Field(() => CancellationState) state: CancellationState;
  @Field(() => String, { description: 'Who asked for it (a token subject).' }) requestedBy: string;
  @Field(() => Date) requestedAt: Date;
  @Field(() => Date, { description: 'The end of the blocking period: the data is deleted then unless an admin confirms the deletion earlier.' })
  deleteAfter: Date;
  @Field(() => Date, { nullable: true }) deletedAt: Date | null;
  @Field(() => String, { nullable: true, description: 'Who decided the deletion: an admin, or `system` when the blocking period ran out.' })
  deletedBy: string | null;
}

@ObjectType({ description: 'What tenancy holds about the learner.' })
export class LearnerProfileData {
  @Field(() => ID) id: string;
  @Field(() => String, { description: 'Personal data (name).' }) displayName: string;
  @Field(() => String, { nullable: true, description: 'Personal data (contact).' }) email: string | null;
  @Field(() => Date) createdAt: Date;
}

/**
 * Everything held about one learner of the caller's tenant (LFPDPPP ARCO access): tenancy gives the
 * profile, and each other subgraph contributes its own section to this entity.
 */
@ObjectType({ description: 'Everything held about one learner, across subgraphs (ARCO access). Each subgraph contributes its section.' })
@Directive('@key(fields: "learnerId")')
export class LearnerDataExport {
  @Field(() => ID) learnerId: string;
  @Field(() => Date) generatedAt: Date;
  @Field(() => LearnerProfileData, { nullable: true, description: 'Null when tenancy has no learner with this id.' }) profile: LearnerProfileData | null;
}
