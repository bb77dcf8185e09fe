import { type ApolloGateway, buildOperationContext, type ServiceMap } from '@apollo/gateway';
import { operationFromDocument } from '@apollo/federation-internals';
import type { PlanNode } from '@apollo/query-planner';
import { getVariableValues } from 'graphql';
import { LruCache } from '../cost/lru-cache';
import { type GatewayRequestContext, isPlanSupported, type PlanRun } from './plan-executor';
import { compileResponseShaper, type ResponseShaper } from './response-shaper';
import { runCompiled } from './run-compiled';
import { type SupergraphPlanner, supergraphPlannerFor } from './supergraph-planner';

type Executor = ApolloGateway['executor'];
type ExecutionResult = Awaited<ReturnType<Executor>>;

/** An operation compiled once: its plan, the shaper of its responses, and what variable checks need. */
interface Compiled {
  node: PlanNode | undefined;
  shaper: ResponseShaper;
  operationContext: ReturnType<typeof buildOperationContext>;
  variableDefinitions: PlanRun['variableDefinitions'];
}

/** Operations of one supergraph: a reload starts over, so nothing compiled outlives its schema. */
const COMPILED_OPERATIONS = 1_000;

export interface QueryExecutorOptions {
  /** Apollo's executor: it runs what this one does not (introspection, `@defer`, data rewrites, traces). */
  fallback: Executor;
  /** The gateway's data sources by subgraph name, read per request (a reload replaces them). */
  serviceMap: () => ServiceMap;
  /** Told which executor ran each request (metrics). @default not told */
  onExecution?: (executor: 'compiled' | 'apollo') => void;
}

/** An ApolloGateway executor, and how it learns of each supergraph load. */
export interface QueryExecutor {
  executor: Executor;
  /** Plans against this supergraph from now on (everything goes to `fallback` until the first); call it on every load. */
  setSupergraph(coreSupergraphSdl: string): void;
}

/**
 * The gateway's executor for queries and mutations: plans with `@apollo/query-planner` like
 * `@apollo/gateway`, caches per document hash the plan together with a compiled response shaper, then
 * runs the plan and shapes its data itself (`executePlan`, `compileResponseShaper`), producing the
 * same responses as Apollo's executor at a fraction of its CPU. Anything it does not run goes to
 * `fallback` unchanged.
 */
export function createQueryExecutor({ fallback: apollo, serviceMap, onExecution }: QueryExecutorOptions): QueryExecutor {
  let sdl: string | undefined;
  let planning: SupergraphPlanner | undefined;
  let compiled = new LruCache<string, Compiled | null>(COMPILED_OPERATIONS);

  function compile(supergraph: SupergraphPlanner, requestContext: GatewayRequestContext): Compiled | null {
    const { document, request } = requestContext;
    try {
      const operationContext = buildOperationContext({ schema: supergraph.apiSchema, operationDocument: document, operationName: request.operationName });
      const operation = operationFromDocument(supergraph.plannerApiSchema, document, { operationName: request.operationName });
      const plan = supergraph.planner.buildQueryPlan(operation);
      if (plan.node && (plan.node.kind === 'Subscription' || !isPlanSupported(plan.node))) return null;
      const shaper = compileResponseShaper(operation);
      if (!shaper) return null;
      return { node: plan.node as PlanNode | undefined, shaper, operationContext, variableDefinitions: operation.variableDefinitions };
    } catch {
      // Apollo's executor answers it, with the error it deserves.
      return null;
    }
  }

  const fallback: Executor = (requestContext) => {
    onExecution?.('apollo');
    return apollo(requestContext);
  };

  const executor: Executor = async (requestContext) => {
    const current = planning;
    if (!current || requestContext.metrics?.captureTraces) return fallback(requestContext);
    const key = `${requestContext.request.operationName ?? ''}\n${requestContext.queryHash}`;
    let entry = compiled.get(key);
    if (entry === undefined) {
      entry = compile(current, requestContext);
      compiled.set(key, entry);
    }
    if (!entry) return fallback(requestContext);
    onExecution?.('compiled');

    const variables = requestContext.request.variables;
    const definitions = entry.operationContext.operation.variableDefinitions;
    if (definitions?.length) {
      const { errors } = getVariableValues(entry.operationContext.schema, definitions, variables ?? {});
      if (errors) return { errors };
    }
    return (await runCompiled(entry.node, entry.shaper, {
      serviceMap: serviceMap(),
      requestContext,
      supergraphSchema: current.supergraphSchema,
      variableDefinitions: entry.variableDefinitions,
    })) as ExecutionResult;
  };

  return {
    executor,
    setSupergraph(coreSupergraphSdl: string): void {
      if (coreSupergraphSdl === sdl) return;
      compiled = new LruCache(COMPILED_OPERATIONS);
      sdl = coreSupergraphSdl;
      try {
        // Built now, at load time like Apollo's own planner, rather than on the first request.
        planning = supergraphPlannerFor(coreSupergraphSdl);
      } catch {
        // Apollo accepted this supergraph; whatever this planner cannot take, Apollo's executor runs.
        planning = undefined;
      }
    },
  };
}
