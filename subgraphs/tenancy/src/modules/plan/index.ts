export { PlanEntity } from './plan.entity';
export {
  effectiveLimits,
  LIMIT_NAMES,
  type LimitOverrides,
  overridesFrom,
  PlanLimitsOverride,
  PlanLimitsOverrideInput,
} from './plan-limits-override.type';
export { PlanResolver } from './plan.resolver';
export { PlanService } from './plan.service';
export { Plan, PlanCode, PlanLimits, planCodeFrom, storedPlanCode } from './plan.type';
