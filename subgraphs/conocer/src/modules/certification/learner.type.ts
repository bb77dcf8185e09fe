import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * A learner, by the id their tenant's identity provider gives them. Other subgraphs may define the
 * same entity (Federation 2 lets several declare a key); conocer contributes `certifications`.
 * No description here, so the supergraph shows the owner's.
 */
@ObjectType()
@Directive('@key(fields: "id")')
export class Learner {
  @Field(() => ID) id: string;
}
