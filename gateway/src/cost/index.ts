export { actualCost } from './actual-cost';
export type { Variables } from './cost-context';
export { type CostDirectives, type FieldCost, type ListSize, NO_COST_DIRECTIVES, readCostDirectives } from './cost-directives';
export { costLimitExceededError, slicingArgumentError } from './cost-errors';
export { type CostModel, loadCostModel } from './cost-model';
export { type CostEstimate, type CostEstimator, type CostEstimatorOptions, createCostEstimator } from './create-cost-estimator';
