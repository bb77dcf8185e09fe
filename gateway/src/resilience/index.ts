export { RetryBudget } from './retry-budget';
export { BrokenCircuitError, type CircuitStateName, createSubgraphGuard, type FailureKind, type SubgraphGuard, type SubgraphGuardOptions } from './subgraph-guard';
