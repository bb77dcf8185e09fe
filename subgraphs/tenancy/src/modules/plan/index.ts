export { PlanEntity } from './plan.entity';
export { PlanResolver } from './plan.resolver';
export { PlanService } from './plan.service';
export { Plan, PlanCode, PlanLimits } from './plan.type';
