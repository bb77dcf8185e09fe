import { executeQueryPlan, type GraphQLDataSource, type ServiceMap } from '@apollo/gateway';
import type { PlanNode, QueryPlan } from '@apollo/query-planner';
import type { ExecutionResult, GraphQLFormattedError } from 'graphql';
import type { GatewayContext } from '../context';
import { type GatewayRequestContext, isPlanSupported, runCompiled } from '../execution';
import { errorsFrom } from './subgraph-errors';
import type { SubscriptionPlan, SupergraphSchemas } from './subscription-planner';

/** The fetch that stands for the primary subscription fetch when an event is executed: it answers with the event. */
const EVENT_SOURCE = '__subscription_event__';

/** One event as the owning subgraph sent it over graphql-ws. */
export interface UpstreamEvent {
  data?: Record<string, unknown> | null;
  errors?: readonly GraphQLFormattedError[];
}

export interface EventExecutorOptions {
  plan: SubscriptionPlan;
  schemas: SupergraphSchemas;
  /** The gateway's data sources, by subgraph name: entity fetches go out exactly as for queries. */
  serviceMap: () => ServiceMap;
  context: GatewayContext;
  variables: Record<string, unknown>;
  /** The subgraph the events come from, named in their errors. */
  serviceName: string;
  /** Told which executor ran each event (metrics). @default not told */
  onExecution?: (executor: 'compiled' | 'apollo') => void;
}

function eventSource(event: UpstreamEvent): GraphQLDataSource<GatewayContext> {
  return { process: async () => ({ data: event.data ?? null, errors: event.errors as never }) };
}

/**
 * Runs the plan's `rest` for one event: the plan becomes a sequence whose first fetch "returns" the
 * event, so the executor does everything else as for a query (entity fetches to the other subgraphs,
 * batched per event; merging; shaping the response to the client's selection). The gateway's compiled
 * executor runs it, as it does queries; Apollo's `executeQueryPlan` what that one leaves to Apollo.
 */
export function createEventExecutor({ plan, schemas, serviceMap, context, variables, serviceName, onExecution }: EventExecutorOptions) {
  const node: PlanNode = { kind: 'Sequence', nodes: [{ ...plan.primary, serviceName: EVENT_SOURCE }, ...(plan.rest ? [plan.rest] : [])] };
  const queryPlan: QueryPlan = { kind: 'QueryPlan', node };
  const shaper = plan.shaper && isPlanSupported(node) ? plan.shaper : undefined;
  const requestContext = {
    request: { variables, query: undefined },
    context,
    logger: context.logger,
    metrics: {},
  };
  return async (event: UpstreamEvent): Promise<ExecutionResult> => {
    if (!event.data) return { errors: errorsFrom(event.errors ?? [], serviceName) };
    const services = { ...serviceMap(), [EVENT_SOURCE]: eventSource(event) };
    onExecution?.(shaper ? 'compiled' : 'apollo');
    if (shaper) {
      const run = { serviceMap: services, requestContext: requestContext as unknown as GatewayRequestContext, supergraphSchema: schemas.supergraphSchema, variableDefinitions: plan.variableDefinitions };
      return (await runCompiled(node, shaper, run)) as ExecutionResult;
    }
    return executeQueryPlan(
      queryPlan,
      services,
      requestContext as never,
      plan.operationContext,
      schemas.supergraphSchema,
      schemas.plannerApiSchema,
    ) as Promise<ExecutionResult>;
  };
}
