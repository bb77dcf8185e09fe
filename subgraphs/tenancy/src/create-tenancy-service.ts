import type { ContextKeySource, Logger, ReadinessCheck } from '@academy/service-kit';
import { createSubgraphRuntime, type Infrastructure, type SubgraphRuntime } from '@academy/subgraph-kit';
import { createTenancyContext } from './context';
import type { TenancyEnvironment } from './environment';
import { migrations } from './migrations';
import { buildTenancySchema, tenancyEntities } from './schema';

export interface TenancyServiceOptions {
  env: TenancyEnvironment;
  logger: Logger;
  contextKeys?: ContextKeySource;
  readiness?: ReadinessCheck[];
  /** Shared bus and store; made from AMQP_URL/REDIS_URL when absent. */
  infrastructure?: Infrastructure;
}

export async function createTenancyService({ env, logger, contextKeys, readiness, infrastructure }: TenancyServiceOptions): Promise<SubgraphRuntime> {
  return createSubgraphRuntime({
    service: 'tenancy',
    env,
    logger,
    schema: await buildTenancySchema(),
    entities: tenancyEntities,
    migrations,
    contextKeys,
    readiness,
    infrastructure,
    extendContext: createTenancyContext,
  });
}
