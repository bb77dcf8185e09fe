import { buildOperationContext } from '@apollo/gateway';
import { operationFromDocument, Supergraph } from '@apollo/federation-internals';
import { type FetchNode, type PlanNode, QueryPlanner } from '@apollo/query-planner';
import { type DocumentNode, type GraphQLSchema, OperationTypeNode } from 'graphql';
import { LruCache } from '../cost/lru-cache';

type OperationContext = ReturnType<typeof buildOperationContext>;

/** How one subscription operation runs: the primary fetch streams, `rest` runs once per event. */
export interface SubscriptionPlan {
  primary: FetchNode;
  rest: PlanNode | undefined;
  operationContext: OperationContext;
}

export interface SupergraphSchemas {
  /** The API schema clients see (validation, introspection). */
  apiSchema: GraphQLSchema;
  supergraphSchema: GraphQLSchema;
  /** The planner's own representation, which `executeQueryPlan` wants too. */
  plannerApiSchema: ReturnType<Supergraph['apiSchema']>;
}

export interface SubscriptionPlanner extends SupergraphSchemas {
  /** Throws a GraphQLError for an operation the planner refuses. */
  plan(document: DocumentNode, operationName: string | undefined, cacheKey: string): SubscriptionPlan;
}

/** Plans cached per supergraph; a reload builds a new planner, so no plan outlives its schema. */
const PLAN_CACHE_SIZE = 500;

/**
 * `@apollo/query-planner` plans subscriptions (a `SubscriptionNode`), although `@apollo/gateway`
 * refuses to execute them: this is the planner for the gateway's own subscription executor.
 */
export function createSubscriptionPlanner(supergraphSdl: string): SubscriptionPlanner {
  const supergraph = Supergraph.build(supergraphSdl);
  const plannerApiSchema = supergraph.apiSchema();
  const apiSchema = plannerApiSchema.toGraphQLJSSchema();
  const supergraphSchema = supergraph.schema.toGraphQLJSSchema();
  const planner = new QueryPlanner(supergraph);
  const plans = new LruCache<string, SubscriptionPlan>(PLAN_CACHE_SIZE);

  return {
    apiSchema,
    supergraphSchema,
    plannerApiSchema,
    plan(document, operationName, cacheKey) {
      const key = `${operationName ?? ''}:${cacheKey}`;
      const cached = plans.get(key);
      if (cached) return cached;
      const operationContext = buildOperationContext({ schema: apiSchema, operationDocument: document, operationName });
      if (operationContext.operation.operation !== OperationTypeNode.SUBSCRIPTION) throw new TypeError('not a subscription');
      const operation = operationFromDocument(plannerApiSchema, document, { operationName });
      const queryPlan = planner.buildQueryPlan(operation);
      if (queryPlan.node?.kind !== 'Subscription') throw new Error(`expected a subscription plan, got ${queryPlan.node?.kind ?? 'none'}`);
      const plan = { primary: queryPlan.node.primary, rest: queryPlan.node.rest, operationContext };
      plans.set(key, plan);
      return plan;
    },
  };
}
