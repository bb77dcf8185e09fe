export type { GatewayRequestContext } from './plan-executor';
export { isPlanSupported } from './plan-executor';
export { createQueryExecutor, type QueryExecutor, type QueryExecutorOptions } from './query-executor';
export { compileResponseShaper, type ResponseShaper } from './response-shaper';
export { runCompiled } from './run-compiled';
export { type SupergraphPlanner, supergraphPlannerFor } from './supergraph-planner';
