import { printSchema, Supergraph } from '@apollo/federation-internals';
import { buildSchema, type GraphQLSchema } from 'graphql';
import { type CostDirectives, readCostDirectives } from './cost-directives';

/** What the estimator needs: the schema clients query, and the cost directives of the supergraph. */
export interface CostModel {
  /** The API schema (no join/link machinery, no `_entities`): operations are costed against it. */
  schema: GraphQLSchema;
  directives: CostDirectives;
}

/**
 * Builds the cost model from the supergraph the gateway serves. The API schema is derived rather than
 * read from schema/api.graphql so the two can never come from different compositions; directives are
 * read from the supergraph because the API schema printer drops them.
 */
export function loadCostModel(supergraphSdl: string): CostModel {
  // Through SDL rather than `toGraphQLJSSchema()`: the schema then belongs to this module's graphql
  // instance, which matters wherever graphql is loaded twice (vitest loads the ESM build for our code).
  const schema = buildSchema(printSchema(Supergraph.build(supergraphSdl).apiSchema()));
  return { schema, directives: readCostDirectives(supergraphSdl) };
}
