import { buildOperationContext } from '@apollo/gateway';
import { operationFromDocument } from '@apollo/federation-internals';
import type { FetchNode, PlanNode } from '@apollo/query-planner';
import { type DocumentNode, OperationTypeNode } from 'graphql';
import { LruCache } from '../cost/lru-cache';
import { compileResponseShaper, type ResponseShaper, type SupergraphPlanner, supergraphPlannerFor } from '../execution';

type OperationContext = ReturnType<typeof buildOperationContext>;

/** How one subscription operation runs: the primary fetch streams, `rest` runs once per event. */
export interface SubscriptionPlan {
  primary: FetchNode;
  rest: PlanNode | undefined;
  operationContext: OperationContext;
  /** Shapes each event's merged data; absent for what only Apollo's executor runs (introspection). */
  shaper: ResponseShaper | undefined;
  variableDefinitions: ReturnType<typeof operationFromDocument>['variableDefinitions'];
}

export type SupergraphSchemas = Omit<SupergraphPlanner, 'planner'>;

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
  const { apiSchema, supergraphSchema, plannerApiSchema, planner } = supergraphPlannerFor(supergraphSdl);
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
      const plan = {
        primary: queryPlan.node.primary,
        rest: queryPlan.node.rest,
        operationContext,
        shaper: compileResponseShaper(operation),
        variableDefinitions: operation.variableDefinitions,
      };
      plans.set(key, plan);
      return plan;
    },
  };
}
