import { Directive, Field, ObjectType } from 'type-graphql';

/**
 * Owned by the conocer subgraph. This stub only names the key, and `resolvable: false` tells the
 * planner never to ask analytics for one: the gateway fetches every other field from conocer.
 * No description here, so the supergraph shows conocer's.
 */
@ObjectType()
@Directive('@key(fields: "code", resolvable: false)')
export class CompetencyStandard {
  @Field() code: string;
}
