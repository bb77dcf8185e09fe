import { Supergraph } from '@apollo/federation-internals';
import { QueryPlanner } from '@apollo/query-planner';
import type { GraphQLSchema } from 'graphql';

/** One supergraph's schemas and query planner. */
export interface SupergraphPlanner {
  /** The API schema clients see (validation, introspection). */
  apiSchema: GraphQLSchema;
  supergraphSchema: GraphQLSchema;
  /** The planner's own representation of the API schema (operations are built on it). */
  plannerApiSchema: ReturnType<Supergraph['apiSchema']>;
  planner: QueryPlanner;
}

let last: { sdl: string; planner: SupergraphPlanner } | undefined;

/**
 * The planner for a supergraph SDL, built on first use. The query executor and the subscription
 * planner ask for the same SDL after each load, so the last one built is kept and shared.
 */
export function supergraphPlannerFor(sdl: string): SupergraphPlanner {
  if (last?.sdl === sdl) return last.planner;
  const supergraph = Supergraph.build(sdl);
  const plannerApiSchema = supergraph.apiSchema();
  const planner: SupergraphPlanner = {
    apiSchema: plannerApiSchema.toGraphQLJSSchema(),
    supergraphSchema: supergraph.schema.toGraphQLJSSchema(),
    plannerApiSchema,
    planner: new QueryPlanner(supergraph),
  };
  last = { sdl, planner };
  return planner;
}
