import { Field, ID, ObjectType } from 'type-graphql';

@ObjectType('CandidateProfile', { description: 'A learner as a certification candidate.' })
export class CandidateProfileType {
  @Field(() => ID) learnerId: string;
  @Field({ description: 'The CURP on file, masked.' }) maskedCurp: string;
}
