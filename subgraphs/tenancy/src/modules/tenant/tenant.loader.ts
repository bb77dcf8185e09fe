import DataLoader from 'dataloader';
import type { Plan, PlanService } from '../plan';
import type { TenantService } from './tenant.service';
import type { Tenant } from './tenant.type';

export interface TenancyLoaders {
  tenantById: DataLoader<string, Tenant | undefined>;
  planByCode: DataLoader<string, Plan | undefined>;
}

/** Built per request, so batching never mixes callers and caches die with the request. */
export function createTenancyLoaders(tenants: TenantService, plans: PlanService): TenancyLoaders {
  return {
    tenantById: new DataLoader((ids) => tenants.byIds(ids)),
    planByCode: new DataLoader((codes) => plans.byCodes(codes)),
  };
}
