import type { SubgraphContext } from '@academy/subgraph-kit';
import { PlanService } from './modules/plan';
import { createTenancyLoaders, type TenancyLoaders, TenantService } from './modules/tenant';

export interface TenancyContext extends SubgraphContext {
  tenants: TenantService;
  plans: PlanService;
  loaders: TenancyLoaders;
}

export function createTenancyContext(base: SubgraphContext): TenancyContext {
  const plans = new PlanService(base.em);
  const tenants = new TenantService(base.em, plans);
  return { ...base, tenants, plans, loaders: createTenancyLoaders(tenants, plans) };
}
