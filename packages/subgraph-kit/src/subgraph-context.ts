import type { Logger, Principal } from '@academy/service-kit';
import type { EntityManager } from '@mikro-orm/core';

/** What every resolver of every subgraph can rely on; services extend it with their loaders. */
export interface SubgraphContext {
  principal: Principal;
  requestId: string;
  logger: Logger;
  /**
   * Forked per request, so identity maps never leak between requests or tenants, and bound to the
   * principal's tenant scope (`tenantScopeOf`), so `@TenantScoped()` entities show only its rows.
   */
  em: EntityManager;
}
