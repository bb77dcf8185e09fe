import { join } from 'node:path';
import { type AnalyticsEnvironment, createAnalyticsService, loadAnalyticsEnvironment, seedDemoProgress } from '@academy/analytics';
import { createConocerService, loadConocerEnvironment } from '@academy/conocer';
import { type ConocerSandbox, loadSandboxEnvironment, startSandboxFromEnvironment } from '@academy/conocer-sandbox';
import { createGateway, type Gateway, loadGatewayEnvironment } from '@academy/gateway';
import { contextKeySourceFor, createMetricsRegistry, generateContextKeyPair, type Logger } from '@academy/service-kit';
import { createInfrastructure, type Infrastructure, type SubgraphRuntime } from '@academy/subgraph-kit';
import { createTenancyService, loadTenancyEnvironment, seedDemoTenants } from '@academy/tenancy';
import type { EmbeddedEnvironment } from './environment';

export interface EmbeddedSystemOptions {
  env: EmbeddedEnvironment;
  /** The variables the services read (DATABASE_URL, REDIS_URL, …). @default process.env */
  source?: NodeJS.ProcessEnv;
  logger: Logger;
  /** Serve this supergraph instead of the committed schema/supergraph.graphql. */
  supergraphSdl?: string;
  /** Isolates Redis keys and RabbitMQ queues when several systems share the servers (tests). */
  infrastructurePrefix?: string;
}

export interface EmbeddedSystem {
  gateway: Gateway;
  subgraphs: Record<'tenancy' | 'conocer' | 'analytics', { runtime: SubgraphRuntime; url: string }>;
  /** The bundled CONOCER sandbox conocer talks to; absent when CONOCER_API_URL names another API. */
  conocerSandbox?: { sandbox: ConocerSandbox; url: string };
  /** Slug → id of the seeded demo tenants (empty when SEED_DEMO is off). */
  demoTenants: Record<string, string>;
  infrastructure: Infrastructure;
  close(): Promise<void>;
}

/** Gateway and the three subgraphs in one process: the embedded default and the end-to-end tests' system. */
export async function startEmbeddedSystem({ env, source = process.env, logger, supergraphSdl, infrastructurePrefix }: EmbeddedSystemOptions): Promise<EmbeddedSystem> {
  // Multi-tenant always: the embedded system is the product, tenancy included.
  const gatewayEnv = loadGatewayEnvironment({ ...source, TENANCY_MODE: 'multi', PORT: String(env.GATEWAY_PORT) });
  const contextKeys = await generateContextKeyPair();
  // Each subgraph verifies with the gateway's public key, or with its own key when the gateway signs with a secret.
  const keying = { pair: contextKeys, secret: gatewayEnv.CONTEXT_TOKEN_SECRET };
  const sqlite = (name: string) => (env.DATA_DIR === ':memory:' ? ':memory:' : join(env.DATA_DIR, `${name}.sqlite`));
  const closers: (() => Promise<void>)[] = [];
  const close = async () => {
    for (const closer of closers.splice(0).reverse()) await closer();
  };

  // One bus and one store for every service: in-process they are what RabbitMQ and Redis are between processes.
  // The shared bus's figures are served on the gateway's /metrics (labelled service="embedded").
  const busMetrics = createMetricsRegistry('embedded', { processMetrics: false });
  const infrastructure = await createInfrastructure({
    amqpUrl: env.AMQP_URL,
    redisUrl: env.REDIS_URL,
    logger: logger.child({ service: 'infrastructure' }),
    prefix: infrastructurePrefix,
    metrics: busMetrics,
  });
  closers.push(() => infrastructure.close());
  const shared = (service: string) => ({ contextKeys: contextKeySourceFor(keying, service), infrastructure });
  try {
    const tenancy = await createTenancyService({
      env: loadTenancyEnvironment({ ...source, PORT: String(env.TENANCY_PORT), SQLITE_PATH: sqlite('tenancy') }),
      logger: logger.child({ service: 'tenancy' }),
      ...shared('tenancy'),
    });
    closers.push(() => tenancy.close());
    const conocerSource = { ...source, PORT: String(env.CONOCER_PORT), SQLITE_PATH: sqlite('conocer') };
    const conocerSandbox = source.CONOCER_API_URL ? undefined : await startConocerSandbox(env, conocerSource, logger);
    if (conocerSandbox) closers.push(() => conocerSandbox.sandbox.close());
    const conocer = await createConocerService({
      env: loadConocerEnvironment({ ...conocerSource, ...(conocerSandbox && { CONOCER_API_URL: conocerSandbox.url }) }),
      logger: logger.child({ service: 'conocer' }),
      ...shared('conocer'),
    });
    closers.push(() => conocer.close());
    const analyticsEnv: AnalyticsEnvironment = loadAnalyticsEnvironment({ ...source, PORT: String(env.ANALYTICS_PORT), SQLITE_PATH: sqlite('analytics') });
    const analytics = await createAnalyticsService({ env: analyticsEnv, logger: logger.child({ service: 'analytics' }), ...shared('analytics') });
    closers.push(() => analytics.close());

    const internalHost = '127.0.0.1';
    const urls = {
      tenancy: `${await tenancy.listen(env.TENANCY_PORT, internalHost)}/graphql`,
      conocer: `${await conocer.listen(env.CONOCER_PORT, internalHost)}/graphql`,
      analytics: `${await analytics.listen(env.ANALYTICS_PORT, internalHost)}/graphql`,
    };

    const demoTenants: Record<string, string> = {};
    if (env.SEED_DEMO) {
      Object.assign(demoTenants, await seedDemoTenants(tenancy.database.orm.em.fork()));
      for (const tenantId of Object.values(demoTenants)) await seedDemoProgress(analytics.database.orm.em.fork(), tenantId, 12);
    }

    const gateway = await createGateway({
      env: gatewayEnv,
      logger: logger.child({ service: 'gateway' }),
      contextKeys,
      supergraphSdl,
      subgraphUrls: urls,
      // The same bus and store as the subgraphs, so tenancy's change events reach the gateway's caches.
      infrastructure,
      additionalMetrics: [busMetrics],
    });
    closers.push(() => gateway.close());
    await gateway.listen(env.GATEWAY_PORT, env.HOST);

    return {
      gateway,
      subgraphs: {
        tenancy: { runtime: tenancy, url: urls.tenancy },
        conocer: { runtime: conocer, url: urls.conocer },
        analytics: { runtime: analytics, url: urls.analytics },
      },
      ...(conocerSandbox && { conocerSandbox }),
      demoTenants,
      infrastructure,
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/**
 * The sandbox accepts exactly the credentials conocer will present (its own or the development
 * defaults), and listens on loopback only: its admin endpoints inject faults and change the catalog.
 */
async function startConocerSandbox(env: EmbeddedEnvironment, conocerSource: NodeJS.ProcessEnv, logger: Logger): Promise<{ sandbox: ConocerSandbox; url: string }> {
  const { CONOCER_CLIENT_ID, CONOCER_CLIENT_SECRET } = loadConocerEnvironment(conocerSource);
  const sandboxEnv = loadSandboxEnvironment({ ...conocerSource, PORT: String(env.CONOCER_SANDBOX_PORT), SANDBOX_CLIENT_ID: CONOCER_CLIENT_ID, SANDBOX_CLIENT_SECRET: CONOCER_CLIENT_SECRET });
  const sandbox = startSandboxFromEnvironment(sandboxEnv, logger.child({ service: 'conocer-sandbox' }));
  try {
    return { sandbox, url: await sandbox.listen(env.CONOCER_SANDBOX_PORT, '127.0.0.1') };
  } catch (error) {
    await sandbox.close();
    throw error;
  }
}
