import { Directive, Field, ObjectType } from 'type-graphql';

/**
 * Owned by the conocer subgraph. This stub only names the key, and `resolvable: false` tells the
 * planner never to ask analytics for one: the gateway fetches every other field from conocer.
 */
@ObjectType({ description: 'A CONOCER competency standard (Estándar de Competencia), e.g. EC0217.' })
@Directive('@key(fields: "code", resolvable: false)')
export class CompetencyStandard {
  @Field() code: string;
}
