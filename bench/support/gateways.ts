import { createGateway, loadGatewayEnvironment } from '@academy/gateway';
import { CONTEXT_TOKEN_HEADER, createLogger, importContextKeyPair } from '@academy/service-kit';
import { ApolloGateway, type GraphQLDataSourceProcessOptions, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import type { StartedService } from './child-protocol';
import { benchPrincipal, type ContextKeyPems, signLongLivedTokens } from './principal';

export interface GatewayTargetOptions {
  keys: ContextKeyPems;
  supergraphSdl: string;
  /** Subgraph name → URL; replaces the URLs in the supergraph. */
  subgraphUrls: Record<string, string>;
  /** @default 'warn' */
  logLevel?: string;
  /** RESPONSE_CACHE on (in-process store), with the caller in a tenant so its responses are cacheable. @default false */
  responseCache?: boolean;
}

export interface GatewayTargetInfo {
  /** The GraphQL endpoint. */
  url: string;
}

/**
 * This project's gateway (`createGateway`) as production runs it (NODE_ENV=production: no landing
 * page, no introspection, masked errors), except that every caller is a platform admin.
 * With `responseCache`, whole responses are cached (what `this-cached/…` measures).
 */
export async function startAcademyGateway({ keys, supergraphSdl, subgraphUrls, logLevel = 'warn', responseCache = false }: GatewayTargetOptions): Promise<StartedService<GatewayTargetInfo>> {
  const env = loadGatewayEnvironment({
    NODE_ENV: 'production',
    LOG_LEVEL: logLevel,
    HOST: '127.0.0.1',
    CONTEXT_TOKEN_PRIVATE_KEY: keys.privatePem,
    CONTEXT_TOKEN_PUBLIC_KEY: keys.publicPem,
    CONTEXT_TOKEN_KID: keys.kid,
    RESPONSE_CACHE: String(responseCache),
  });
  const gateway = await createGateway({
    env,
    logger: createLogger({ service: 'bench-gateway', level: logLevel }),
    contextKeys: await importContextKeyPair(keys.privatePem, keys.publicPem, keys.kid),
    supergraphSdl,
    subgraphUrls,
    // The cache keys by tenant and never caches tenant-less callers.
    resolvePrincipal: async (_req, requestId) => (responseCache ? { ...benchPrincipal(requestId), tenantId: 'bench-tenant' } : benchPrincipal(requestId)),
  });
  await gateway.listen(0, '127.0.0.1');
  return { info: { url: gateway.graphqlUrl }, close: () => gateway.close() };
}

/**
 * The one change the stock gateway needs to be let in by these subgraphs: a context token. It is
 * signed once at start (one per subgraph, as the audience is the subgraph's name) with a 24 h TTL and
 * the same platform-admin principal, and then reused for every call, so the stock gateway pays no
 * signing cost per request; that is part of what this comparison shows.
 */
class ContextTokenDataSource extends RemoteGraphQLDataSource {
  private readonly token: string;

  constructor(url: string, token: string) {
    super({ url });
    this.token = token;
  }

  override willSendRequest({ request }: GraphQLDataSourceProcessOptions): void {
    request.http!.headers.set(CONTEXT_TOKEN_HEADER, this.token);
  }
}

/**
 * A plain `@apollo/gateway` + `@apollo/server` (startStandaloneServer) with its defaults (its
 * make-fetch-happen fetcher, its own HTTP handling), on the same supergraph and subgraphs.
 */
export async function startStockGateway({ keys, supergraphSdl, subgraphUrls }: GatewayTargetOptions): Promise<StartedService<GatewayTargetInfo>> {
  const tokens = await signLongLivedTokens(keys, Object.keys(subgraphUrls), 'bench-stock-gateway');
  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService: ({ name, url }) => {
      const target = subgraphUrls[name] ?? url;
      const token = tokens[name];
      if (!target || !token) throw new Error(`no URL for subgraph ${name}`);
      return new ContextTokenDataSource(target, token);
    },
  });
  const server = new ApolloServer({ gateway, nodeEnv: 'production' });
  const { url } = await startStandaloneServer(server, { listen: { port: 0, host: '127.0.0.1' } });
  return { info: { url: new URL('/graphql', url).href }, close: () => server.stop() };
}
