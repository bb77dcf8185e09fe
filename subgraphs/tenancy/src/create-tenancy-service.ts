import type { ContextKeySource, Logger, ReadinessCheck } from '@academy/service-kit';
import { ALL_TENANTS, createSubgraphRuntime, forkWithTenantScope, type Infrastructure, type SubgraphRuntime } from '@academy/subgraph-kit';
import { startTenancyConsumers } from './consumers';
import { createTenancyContext } from './context';
import { type TenancyEnvironment, usesDevelopmentSigningKey } from './environment';
import { migrations } from './migrations';
import { CancellationRelay } from './modules/privacy';
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
  if (usesDevelopmentSigningKey(env)) {
    logger.warn('API_KEY_SIGNING_KEY is not set: using the public development key, so API key signing secrets are not secret');
  }
  let relay: CancellationRelay | undefined;
  const runRelay = () => void relay?.run().catch((error: unknown) => logger.warn({ err: error }, 'privacy: relay round failed'));
  const runtime = await createSubgraphRuntime({
    service: 'tenancy',
    env,
    logger,
    schema: await buildTenancySchema(),
    entities: tenancyEntities,
    migrations,
    contextKeys,
    readiness,
    infrastructure,
    extendContext: (base, { infrastructure: shared }) =>
      createTenancyContext(base, {
        bus: shared.bus,
        signingKey: env.API_KEY_SIGNING_KEY,
        privacy: { blockingPeriodMs: env.LEARNER_BLOCKING_PERIOD_SECONDS * 1000, stepDecided: runRelay },
      }),
  });
  let stopConsumers: () => Promise<void>;
  try {
    stopConsumers = await startTenancyConsumers(runtime.infrastructure.bus, runtime.database.orm, logger);
  } catch (error) {
    await runtime.close();
    throw error;
  }
  relay = new CancellationRelay(forkWithTenantScope(runtime.database.orm.em, ALL_TENANTS), runtime.infrastructure.bus, logger);
  const relayTimer = setInterval(runRelay, env.PRIVACY_RELAY_INTERVAL_MS);
  relayTimer.unref();
  runRelay();
  return {
    ...runtime,
    close: async () => {
      clearInterval(relayTimer);
      await relay?.run().catch(() => undefined);
      await stopConsumers();
      await runtime.close();
    },
  };
}
