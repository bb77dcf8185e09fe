import type { IncomingMessage, Server } from 'node:http';
import {
  type ContextKeyPair,
  createContextTokenSigner,
  createGraphQLHttpHandler,
  createHttpService,
  type Logger,
  publicJwks,
} from '@academy/service-kit';
import { GraphQLError } from 'graphql';
import { createGatewayApolloServer } from './apollo-server';
import { type GatewayContext, type ResolvePrincipal, resolveAnonymousPrincipal } from './context';
import { loadContextKeys } from './context-keys';
import { createCors } from './cors';
import type { GatewayEnvironment } from './environment';
import { isExpectedError } from './errors';
import { createGatewayRoutes, GRAPHQL_PATH } from './routes';
import { createSubgraphAgent } from './subgraph-fetcher';
import { readSupergraphFile } from './supergraph-file';
import { createSupergraphGateway } from './supergraph-gateway';

export interface CreateGatewayOptions {
  env: GatewayEnvironment;
  logger: Logger;
  /** @default the CONTEXT_TOKEN_* keys from env, else an ephemeral pair */
  contextKeys?: ContextKeyPair;
  /** Serve this SDL instead of reading env.SUPERGRAPH_PATH (and then no file is watched); `reload` replaces it. */
  supergraphSdl?: string;
  /** Subgraph name → URL, over env.SUBGRAPH_URLS and the URLs in the supergraph. */
  subgraphUrls?: Record<string, string>;
  /** @default every caller is anonymous */
  resolvePrincipal?: ResolvePrincipal;
}

export interface Gateway {
  /** `http://host:port` once listening; throws before. */
  readonly url: string;
  readonly graphqlUrl: string;
  /** For upgrades (graphql-ws) and tests. */
  readonly httpServer: Server;
  /** The pair that signs context tokens; in-process subgraphs can verify with its public key. */
  readonly contextKeys: ContextKeyPair;
  /** @default env.PORT, env.HOST */
  listen(port?: number, host?: string): Promise<string>;
  close(): Promise<void>;
  /** Serves a new supergraph without a restart; rejects (keeping the current one) when the SDL is invalid. */
  reload(supergraphSdl: string): Promise<void>;
}

/** Builds and starts the gateway (rejecting when the supergraph cannot be loaded); call `listen` to serve. */
export async function createGateway(options: CreateGatewayOptions): Promise<Gateway> {
  const { env, logger } = options;
  const contextKeys = options.contextKeys ?? (await loadContextKeys(env, logger));
  const signer = createContextTokenSigner(contextKeys);
  const subgraphUrls = { ...env.SUBGRAPH_URLS, ...options.subgraphUrls };
  const agent = createSubgraphAgent();
  const supergraph = createSupergraphGateway({
    supergraphSdl: options.supergraphSdl ?? (await readSupergraphFile(env.SUPERGRAPH_PATH)),
    watchPath: options.supergraphSdl === undefined && env.SUPERGRAPH_WATCH ? env.SUPERGRAPH_PATH : undefined,
    subgraphUrls,
    signer,
    agent,
    subgraphTimeoutMs: env.SUBGRAPH_TIMEOUT_MS,
    logger,
  });
  const server = createGatewayApolloServer({ env, gateway: supergraph.gateway, logger });
  try {
    await server.start();
  } catch (error) {
    await agent.close();
    throw error;
  }
  const unknown = Object.keys(subgraphUrls).filter((name) => !supergraph.routedSubgraphs().includes(name));
  if (unknown.length) logger.warn({ unknown, known: supergraph.routedSubgraphs() }, 'SUBGRAPH_URLS names subgraphs that are not in the supergraph');

  let closing: Promise<void> | undefined;
  const context = async (req: IncomingMessage, requestId: string): Promise<GatewayContext> => {
    try {
      const principal = await (options.resolvePrincipal ?? resolveAnonymousPrincipal)(req, requestId);
      return { principal, requestId, logger: logger.child({ requestId, tenantId: principal.tenantId }) };
    } catch (error) {
      const expected = error instanceof GraphQLError && isExpectedError(error.extensions);
      if (!expected) logger.error({ err: error, requestId }, 'resolving the principal failed');
      throw error;
    }
  };
  const http = createHttpService({
    logger,
    handler: createGatewayRoutes({
      cors: createCors({ origins: env.CORS_ORIGINS }),
      graphql: createGraphQLHttpHandler({ server, context, maxBodyBytes: env.MAX_BODY_BYTES }),
      jwks: await publicJwks(contextKeys),
    }),
    readiness: [
      {
        name: 'supergraph',
        check: async () => {
          if (closing) throw new Error('shutting down');
          if (!supergraph.isLoaded()) throw new Error('no supergraph loaded yet');
        },
      },
    ],
  });

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
    async listen(port = env.PORT, host = env.HOST) {
      url = await http.listen(port, host);
      return url;
    },
    close() {
      closing ??= (async () => {
        await http.close();
        await server.stop();
        await agent.close();
      })();
      return closing;
    },
    async reload(supergraphSdl) {
      supergraph.reload(supergraphSdl);
    },
  };
}
