import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * Owned by the tenancy subgraph. Like `CompetencyStandard`, this stub only names the key, and
 * `resolvable: false` keeps the planner from asking analytics for one: every other field, and
 * whether the learner exists at all, comes from tenancy. No description, so tenancy's shows.
 */
@ObjectType()
@Directive('@key(fields: "id", resolvable: false)')
export class Learner {
  @Field(() => ID) id: string;
}
