import type { ContextTokenSigner, Logger } from '@academy/service-kit';
import { ApolloGateway, type ServiceMap, type SupergraphSdlUpdateFunction } from '@apollo/gateway';
import { createQueryExecutor } from './execution';
import { deduplicateInflight } from './inflight-dedup';
import type { GatewayMetrics } from './metrics';
import { createSubgraphGuard, type SubgraphGuard, type SubgraphGuardOptions } from './resilience';
import { failureOf, SubgraphDataSource } from './subgraph-data-source';
import type { SubgraphAgent } from './subgraph-fetcher';
import { watchSupergraphFile } from './supergraph-file';
import type { TransformPlugin } from './transforms';

export interface SupergraphGatewayOptions {
  supergraphSdl: string;
  /** Watch this file and apply its changes. @default no watching */
  watchPath?: string;
  /** Subgraph name → URL, over the URLs in the supergraph. */
  subgraphUrls: Record<string, string>;
  signer: ContextTokenSigner;
  agent: SubgraphAgent;
  subgraphTimeoutMs: number;
  /** Per-subgraph timeouts over `subgraphTimeoutMs`. */
  subgraphTimeoutsMs?: Record<string, number>;
  /** Circuit breaker and retry settings, the same for every subgraph. */
  resilience?: Pick<SubgraphGuardOptions, 'maxRetries' | 'retryBudget' | 'breakerFailures' | 'halfOpenAfterMs'>;
  /** Identical in-flight queries of one caller run once. @default false */
  inflightDedup?: boolean;
  /** Queries and mutations run by this gateway's compiled executor (`execution/`), else all by Apollo's. @default true */
  compiledExecutor?: boolean;
  logger: Logger;
  /** @default subgraph calls are not counted */
  metrics?: GatewayMetrics;
  /** Per-tenant changes to subgraph calls. @default none */
  transforms?: readonly TransformPlugin[];
}

/** An ApolloGateway on a supergraph SDL whose subgraph calls go through `SubgraphDataSource`. */
export function createSupergraphGateway({
  supergraphSdl,
  watchPath,
  subgraphUrls,
  signer,
  agent,
  subgraphTimeoutMs,
  subgraphTimeoutsMs = {},
  resilience,
  inflightDedup = false,
  compiledExecutor = true,
  logger,
  metrics,
  transforms,
}: SupergraphGatewayOptions) {
  // Name → URL of the subgraphs the loaded supergraphs route to (the gateway calls tenancy itself too).
  const routed = new Map<string, string>();
  const dataSources = new Map<string, SubgraphDataSource>();
  let serviceMap: ServiceMap | undefined;
  // Kept across supergraph reloads: a reload must not close the circuit of a failing subgraph.
  const guards = new Map<string, SubgraphGuard>();
  const guardOf = (name: string) => {
    let guard = guards.get(name);
    if (!guard) {
      guard = createSubgraphGuard({ subgraph: name, ...resilience, classify: failureOf, logger: logger.child({ component: 'resilience' }) });
      guards.set(name, guard);
      metrics?.watchCircuit(name, guard);
    }
    return guard;
  };
  let update: SupergraphSdlUpdateFunction | undefined;
  let loaded = false;

  const gateway = new ApolloGateway({
    logger: logger.child({ component: 'apollo-gateway' }),
    // The function form hands out `update`, which both the file watcher and `reload` use; it throws
    // on an invalid SDL and leaves the current supergraph in place.
    supergraphSdl: async ({ update: apply }) => {
      update = apply;
      const cleanup = watchPath
        ? watchSupergraphFile({ path: watchPath, current: supergraphSdl, apply, logger: logger.child({ component: 'supergraph-watch' }) })
        : undefined;
      return { supergraphSdl, cleanup };
    },
    buildService: ({ name, url }) => {
      const target = subgraphUrls[name] ?? url;
      if (!target) throw new Error(`Subgraph "${name}" has no URL in the supergraph; give it one with SUBGRAPH_URLS=${name}=http://…`);
      routed.set(name, target);
      logger.info({ subgraph: name, url: target }, 'routing subgraph');
      const dataSource = new SubgraphDataSource({
        name,
        url: target,
        signer,
        fetcher: agent.fetcher(subgraphTimeoutsMs[name] ?? subgraphTimeoutMs),
        guard: resilience ? guardOf(name) : undefined,
        logger,
        metrics,
        transforms,
      });
      dataSources.set(name, dataSource);
      serviceMap = undefined;
      return dataSource;
    },
  });
  const queryExecutor = compiledExecutor
    ? createQueryExecutor({
        fallback: gateway.executor,
        serviceMap: () => {
          serviceMap ??= Object.fromEntries(dataSources);
          return serviceMap;
        },
        onExecution: metrics && ((executor) => metrics.execution(executor)),
      })
    : undefined;
  if (queryExecutor) gateway.executor = queryExecutor.executor;
  if (inflightDedup) gateway.executor = deduplicateInflight(gateway.executor);
  gateway.onSchemaLoadOrUpdate(({ coreSupergraphSdl }) => {
    loaded = true;
    queryExecutor?.setSupergraph(coreSupergraphSdl);
  });

  return {
    gateway,
    /** True once a supergraph has been loaded (what /readyz reports). */
    isLoaded: () => loaded,
    /** Subgraph names the loaded supergraphs have routed so far. */
    routedSubgraphs: () => [...routed.keys()],
    /** The URL the gateway calls the named subgraph at, once a supergraph has routed it. */
    routedUrl: (name: string): string | undefined => routed.get(name),
    /** Each routed subgraph's circuit: closed, open or half-open. */
    circuits: (): Record<string, SubgraphGuard> => Object.fromEntries(guards),
    /** The data sources of the routed subgraphs, by name (the subscription executor's service map). */
    dataSources: (): Record<string, SubgraphDataSource> => Object.fromEntries(dataSources),
    reload(sdl: string): void {
      if (!update) throw new Error('the gateway has not loaded a supergraph yet');
      update(sdl);
    },
  };
}
