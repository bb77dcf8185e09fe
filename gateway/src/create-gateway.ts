import type { Server } from 'node:http';
import { createKeyValueStore } from '@academy/cache';
import {
  type ContextKeyPair,
  type ContextTokenSigner,
  contextTokenSignerFor,
  createGraphQLHttpHandler,
  createHttpService,
  createMetricsRegistry,
  type Logger,
  publicJwks,
  type Registry,
} from '@academy/service-kit';
import { type AccessControl, createAccessControl, type GatewayInfrastructure } from './access-control';
import { createGatewayApolloServer } from './apollo-server';
import { createResponseCache, type ResponseCache, useResponseCache } from './response-cache';
import { createGatewayMetrics } from './metrics';
import { withDocumentLimits } from './document-limits';
import { createDemandControl, type DemandControl } from './plugins/demand-control';
import type { ResolvePrincipal } from './context';
import { loadContextKeys } from './context-keys';
import { createCors } from './cors';
import type { GatewayEnvironment } from './environment';
import { createRequestContext } from './request-context';
import { perRequestSigner } from './request-token-cache';
import { createGatewayRoutes, GRAPHQL_PATH, gatewayRouteOf } from './routes';
import { createSubgraphAgent } from './subgraph-fetcher';
import { TENANCY_SUBGRAPH } from './tenancy/tenancy-client';
import { createSubscriptionSlots } from './limits';
import { withBatchLimit } from './batch-limit';
import { withPersistedQueries } from './persisted-queries';
import { loadTrustedDocuments, withTrustedDocuments } from './trusted-documents';
import type { SubgraphGuard } from './resilience';
import { readSupergraphFile } from './supergraph-file';
import { createSupergraphGateway } from './supergraph-gateway';
import { defaultTransforms, useResponseTransforms } from './transforms';
import { createHttpSubscriptions, createSubscriptionEngine, createWsTransport, type SubscriptionStats } from './subscriptions';

export interface CreateGatewayOptions {
  env: GatewayEnvironment;
  logger: Logger;
  /** @default the CONTEXT_TOKEN_* keys from env, else an ephemeral pair */
  contextKeys?: ContextKeyPair;
  /** Serve this SDL instead of reading env.SUPERGRAPH_PATH (and then no file is watched); `reload` replaces it. */
  supergraphSdl?: string;
  /** Subgraph name → URL, over env.SUBGRAPH_URLS and the URLs in the supergraph. */
  subgraphUrls?: Record<string, string>;
  /** Replaces the built-in tenant-bound authentication (JWT, API keys, signed requests). @default built from env */
  resolvePrincipal?: ResolvePrincipal;
  /**
   * Shared bus and store (the embedded default passes its subgraph-kit `Infrastructure`).
   * @default made from REDIS_URL/AMQP_URL in multi-tenant mode, and closed with the gateway
   */
  infrastructure?: GatewayInfrastructure;
  /** Signs the context token of every subgraph call. @default ES256 with `contextKeys` */
  contextTokenSigner?: ContextTokenSigner;
  /**
   * Per-tenant cost and rate limits and usage metering, in multi-tenant mode. Turned off only to
   * measure what they cost (`npm run bench -- limits`); without them tenants are not budgeted. @default true
   */
  demandControl?: boolean;
  /** The gateway's metrics, served at `/metrics`. @default a registry of its own, with process metrics */
  metrics?: Registry;
  /** Also served at `/metrics` (the embedded default's shared bus). @default none */
  additionalMetrics?: Registry[];
}

export interface Gateway {
  /** `http://host:port` once listening; throws before. */
  readonly url: string;
  readonly graphqlUrl: string;
  /** For upgrades (graphql-ws) and tests. */
  readonly httpServer: Server;
  /** The pair that signs context tokens; in-process subgraphs can verify with its public key. */
  readonly contextKeys: ContextKeyPair;
  /** What `/metrics` serves (besides `additionalMetrics`). */
  readonly metrics: Registry;
  /** Open subscriptions, their upstream sockets, client sockets (tests count them to prove nothing leaks). */
  subscriptionStats(): SubscriptionStats;
  /** Each subgraph's circuit breaker (state and changes), for health and metrics. */
  circuits(): Record<string, SubgraphGuard>;
  /** @default env.PORT, env.HOST */
  listen(port?: number, host?: string): Promise<string>;
  close(): Promise<void>;
  /** Serves a new supergraph without a restart; rejects (keeping the current one) when the SDL is invalid. */
  reload(supergraphSdl: string): Promise<void>;
}

function subgraphTlsOf(env: GatewayEnvironment) {
  const { SUBGRAPH_TLS_CA: ca, SUBGRAPH_TLS_CERT: cert, SUBGRAPH_TLS_KEY: key } = env;
  return ca || cert ? { ca, cert, key } : undefined;
}

/** Builds and starts the gateway (rejecting when the supergraph cannot be loaded); call `listen` to serve. */
export async function createGateway(options: CreateGatewayOptions): Promise<Gateway> {
  const { env, logger } = options;
  const contextKeys = options.contextKeys ?? (await loadContextKeys(env, logger));
  const secret = env.CONTEXT_TOKEN_SECRET;
  const signer = options.contextTokenSigner ?? contextTokenSignerFor({ pair: contextKeys, secret });
  const subgraphUrls = { ...env.SUBGRAPH_URLS, ...options.subgraphUrls };
  const tls = subgraphTlsOf(env);
  const agent = createSubgraphAgent({ tls });
  const registry = options.metrics ?? createMetricsRegistry('gateway');
  const metrics = createGatewayMetrics(registry);
  const transforms = defaultTransforms();
  const supergraph = createSupergraphGateway({
    supergraphSdl: options.supergraphSdl ?? (await readSupergraphFile(env.SUPERGRAPH_PATH)),
    watchPath: options.supergraphSdl === undefined && env.SUPERGRAPH_WATCH ? env.SUPERGRAPH_PATH : undefined,
    subgraphUrls,
    signer: perRequestSigner(signer),
    agent,
    subgraphTimeoutMs: env.SUBGRAPH_TIMEOUT_MS,
    subgraphTimeoutsMs: env.SUBGRAPH_TIMEOUTS_MS,
    resilience: {
      maxRetries: env.SUBGRAPH_MAX_RETRIES,
      retryBudget: env.SUBGRAPH_RETRY_BUDGET,
      breakerFailures: env.SUBGRAPH_BREAKER_FAILURES,
      halfOpenAfterMs: env.SUBGRAPH_BREAKER_HALF_OPEN_MS,
    },
    inflightDedup: env.INFLIGHT_DEDUP ?? true,
    compiledExecutor: env.COMPILED_EXECUTOR ?? true,
    logger,
    metrics,
    transforms,
  });
  let demand: DemandControl | undefined;
  let servedSupergraph: string | undefined;
  let engine: ReturnType<typeof createSubscriptionEngine> | undefined;
  supergraph.gateway.onSchemaLoadOrUpdate(({ coreSupergraphSdl }) => {
    servedSupergraph = coreSupergraphSdl;
    demand?.setSupergraph(coreSupergraphSdl);
    engine?.setSupergraph(coreSupergraphSdl);
  });
  let responseCache: (ResponseCache & { close(): Promise<void> }) | undefined;
  const server = createGatewayApolloServer({
    env,
    gateway: supergraph.gateway,
    logger,
    demand: () => demand,
    metrics,
    plugins: [useResponseCache(() => responseCache), useResponseTransforms(transforms)],
  });
  try {
    await server.start();
  } catch (error) {
    await agent.close();
    throw error;
  }
  const unknown = Object.keys(subgraphUrls).filter((name) => !supergraph.routedSubgraphs().includes(name));
  if (unknown.length) logger.warn({ unknown, known: supergraph.routedSubgraphs() }, 'SUBGRAPH_URLS names subgraphs that are not in the supergraph');

  let access: AccessControl;
  try {
    if (env.TENANCY_MODE === 'multi' && !supergraph.routedUrl(TENANCY_SUBGRAPH)) {
      throw new Error(`TENANCY_MODE=multi looks tenants up in the "${TENANCY_SUBGRAPH}" subgraph, which this supergraph does not route`);
    }
    access = await createAccessControl({
      env,
      infrastructure: options.infrastructure,
      signer,
      agent,
      tenancyUrl: () => supergraph.routedUrl(TENANCY_SUBGRAPH),
      logger,
      metrics: registry,
    });
  } catch (error) {
    await server.stop();
    await agent.close();
    throw error;
  }

  if (access.store && access.bus && options.demandControl !== false) {
    demand = createDemandControl({
      store: access.store,
      bus: access.bus,
      expectedReplicas: env.LIMITS_EXPECTED_REPLICAS,
      onRedisFailure: env.LIMITS_REDIS_FAILURE_POLICY,
      redisTimeoutMs: env.LIMITS_REDIS_TIMEOUT_MS,
      leaseMs: env.LIMITS_LEASE_MS,
      logger: logger.child({ component: 'demand-control' }),
      metrics,
    });
    if (servedSupergraph) demand.setSupergraph(servedSupergraph);
  }

  const subscriptionEngine = createSubscriptionEngine({
    subgraphUrl: supergraph.routedUrl,
    dataSources: supergraph.dataSources,
    signer,
    tls,
    demand: () => demand,
    slots: access.store
      ? createSubscriptionSlots({ store: access.store, expectedReplicas: env.LIMITS_EXPECTED_REPLICAS, onRedisFailure: env.LIMITS_REDIS_FAILURE_POLICY, timeoutMs: env.LIMITS_REDIS_TIMEOUT_MS })
      : undefined,
    logger: logger.child({ component: 'subscriptions' }),
    metrics,
  });
  engine = subscriptionEngine;
  if (servedSupergraph) subscriptionEngine.setSupergraph(servedSupergraph);

  const trustedDocuments = env.TRUSTED_DOCUMENTS_DIR ? loadTrustedDocuments(env.TRUSTED_DOCUMENTS_DIR) : new Map();
  // Single-tenant mode has no shared store: persisted queries (and cached responses) are then kept in this process.
  const apqStore = access.store ?? createKeyValueStore({ logger });
  if (env.RESPONSE_CACHE) {
    responseCache = await createResponseCache({ store: apqStore, bus: access.bus, timeoutMs: env.RESPONSE_CACHE_TIMEOUT_MS, logger: logger.child({ component: 'response-cache' }), metrics: registry });
  }

  let closing: Promise<void> | undefined;
  const requests = createRequestContext({ authenticate: access.authenticate, resolvePrincipal: options.resolvePrincipal, resolveTenant: access.resolveTenant, logger });
  const http = createHttpService({
    name: 'gateway',
    logger,
    metrics: { registries: [registry, ...(options.additionalMetrics ?? [])], token: env.METRICS_TOKEN, routeOf: gatewayRouteOf },
    handler: createGatewayRoutes({
      cors: createCors({ origins: env.CORS_ORIGINS }),
      graphql: requests.withTenant(
        createGraphQLHttpHandler({
          server,
          context: requests.context,
          maxBodyBytes: env.MAX_BODY_BYTES,
          intercept: withBatchLimit(
            env.HTTP_BATCH_MAX,
            withTrustedDocuments(
              trustedDocuments,
              requests.tenantOf,
              withPersistedQueries(
                { store: apqStore, tenantIdOf: (req) => requests.tenantOf(req)?.id ?? null, ttlMs: env.PERSISTED_QUERY_TTL_MS },
                withDocumentLimits(
                  // With demand control off, no tenant limit applies here either.
                  (req) => (demand ? requests.tenantOf(req) : null),
                  (code) => demand?.metrics?.rejection(code),
                  createHttpSubscriptions({ engine: subscriptionEngine, context: requests.context, logger }),
                ),
              ),
            ),
          ),
        }),
      ),
      // With a shared secret no token is signed with a public key's other half: there is nothing to publish.
      jwks: secret ? { keys: [] } : await publicJwks(contextKeys),
      resolveTenant: access.resolveTenant,
      tenantPaths: access.tenantPaths,
    }),
    readiness: [
      ...access.readiness,
      {
        name: 'supergraph',
        check: async () => {
          if (closing) throw new Error('shutting down');
          if (!supergraph.isLoaded()) throw new Error('no supergraph loaded yet');
        },
      },
    ],
  });

  const sockets = createWsTransport({
    server: http.server,
    engine: subscriptionEngine,
    apollo: server,
    contextFor: requests.contextFor,
    tenantPaths: access.tenantPaths,
    logger: logger.child({ component: 'graphql-ws' }),
  });
  metrics.watchSubscriptions(() => ({ ...subscriptionEngine.stats(), sockets: sockets.connections() }));

  let url: string | undefined;
  const urlOrThrow = () => {
    if (url === undefined) throw new Error('the gateway is not listening yet; await listen() first');
    return url;
  };
  return {
    get url() {
      return urlOrThrow();
    },
    get graphqlUrl() {
      return `${urlOrThrow()}${GRAPHQL_PATH}`;
    },
    httpServer: http.server,
    contextKeys,
    metrics: registry,
    subscriptionStats: () => ({ ...subscriptionEngine.stats(), sockets: sockets.connections() }),
    circuits: supergraph.circuits,
    async listen(port = env.PORT, host = env.HOST) {
      url = await http.listen(port, host);
      return url;
    },
    close() {
      closing ??= (async () => {
        // Subscriptions complete first (each client gets `complete`), then their sockets close.
        await subscriptionEngine.close();
        await sockets.close();
        await http.close();
        await server.stop();
        await demand?.close();
        await responseCache?.close();
        await access.close();
        if (!access.store) await apqStore.close();
        await agent.close();
      })();
      return closing;
    },
    async reload(supergraphSdl) {
      supergraph.reload(supergraphSdl);
    },
  };
}
