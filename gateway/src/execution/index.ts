export { deepMerge, executePlan, type GatewayRequestContext, isPlanSupported, type PlanResult, type PlanRun } from './plan-executor';
export { createQueryExecutor, type QueryExecutor, type QueryExecutorOptions } from './query-executor';
export { type CompiledResult, runCompiled } from './run-compiled';
export { compileResponseShaper, type ResponseShaper, type ShapedResponse } from './response-shaper';
export { type SupergraphPlanner, supergraphPlannerFor } from './supergraph-planner';
