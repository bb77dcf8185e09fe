import type { IncomingMessage } from 'node:http';
import {
  AppError,
  CONTEXT_TOKEN_HEADER,
  type ContextTokenVerifier,
  createGraphQLHttpHandler,
  createHttpService,
  type HttpService,
  type HttpServiceTls,
  type Logger,
  type Principal,
  type ReadinessCheck,
  type Registry,
  sendJson,
} from '@academy/service-kit';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { MikroORM } from '@mikro-orm/core';
import type { GraphQLSchema } from 'graphql';
import { createSubgraphErrorFormatter } from './format-error';
import { useSubgraphMetrics } from './metrics';
import { useOperationLog } from './operation-log';
import type { ExecutionKey } from './shared-execution';
import type { SubgraphContext } from './subgraph-context';
import { createSubscriptionServer, type SubscriptionServer } from './subscription-server';
import { forkWithTenantScope, tenantScopeOf } from './tenant-scope';

export interface SubgraphServiceOptions<TContext extends SubgraphContext> {
  name: string;
  schema: GraphQLSchema;
  logger: Logger;
  orm: MikroORM;
  /** Checks the gateway's context token; requests without a valid one are refused. */
  verifier: ContextTokenVerifier;
  /** Adds the service's own per-request state (DataLoaders, services) to the base context. */
  extendContext: (base: SubgraphContext) => TContext;
  readiness: ReadinessCheck[];
  /** Show error details and stack traces (development only). @default false */
  exposeErrorDetails?: boolean;
  /** Serve HTTPS (mTLS with `clientCa`). @default plain HTTP */
  tls?: HttpServiceTls;
  /** The service's registry, served at `/metrics` and counting its operations. @default no metrics */
  metrics?: Registry;
  /** Scrapes of `/metrics` need this bearer token (METRICS_TOKEN). @default open */
  metricsToken?: string;
  /**
   * What a subscription event's result may depend on in the context; equal keys share one execution per
   * event (`createSharedSubscribe`). @default no sharing
   */
  subscriptionExecutionKey?: ExecutionKey<TContext>;
}

export interface SubgraphService {
  http: HttpService;
  /** graphql-ws on `/graphql`, when the schema has a `Subscription` type. */
  subscriptions: SubscriptionServer | null;
  listen(port: number, host?: string): Promise<string>;
  close(): Promise<void>;
}

async function principalOf(req: IncomingMessage, verifier: ContextTokenVerifier) {
  const token = req.headers[CONTEXT_TOKEN_HEADER];
  if (typeof token !== 'string' || token === '') {
    throw new AppError('UNAUTHENTICATED', 'Missing gateway context token: subgraphs are reached through the gateway only');
  }
  try {
    return await verifier.verify(token);
  } catch {
    throw new AppError('UNAUTHENTICATED', 'Invalid gateway context token');
  }
}

/** A subgraph on node:http: `/graphql`, `/healthz`, `/readyz`; every GraphQL request carries a verified principal. */
export async function createSubgraphService<TContext extends SubgraphContext>(options: SubgraphServiceOptions<TContext>): Promise<SubgraphService> {
  const { name, schema, logger, orm, verifier, extendContext, readiness, exposeErrorDetails = false, tls, metrics, metricsToken, subscriptionExecutionKey } = options;
  const apollo = new ApolloServer<TContext>({
    schema,
    // The gateway composes from committed SDL; clients never browse a subgraph directly.
    introspection: exposeErrorDetails,
    includeStacktraceInErrorResponses: exposeErrorDetails,
    formatError: createSubgraphErrorFormatter(name, logger, exposeErrorDetails),
    plugins: [ApolloServerPluginLandingPageDisabled(), useOperationLog() as ApolloServerPlugin<TContext>, ...(metrics ? [useSubgraphMetrics(metrics)] : [])],
    logger,
  });
  await apollo.start();
  const contextOf = (principal: Principal, requestId: string): TContext => {
    const requestLogger = logger.child({ requestId, tenantId: principal.tenantId });
    // The tenant filter is bound here, once per request, so no service can forget to scope its reads.
    const em = forkWithTenantScope(orm.em, tenantScopeOf(principal));
    return extendContext({ principal, requestId, logger: requestLogger, em });
  };
  const graphql = createGraphQLHttpHandler<TContext>({
    server: apollo,
    context: async (req, requestId) => contextOf(await principalOf(req, verifier), requestId),
  });
  const http = createHttpService({
    name,
    logger,
    readiness,
    tls,
    metrics: metrics && { registries: [metrics], token: metricsToken },
    handler: async (req, res, requestId) => {
      if (req.url?.startsWith('/graphql')) return graphql(req, res, requestId);
      sendJson(res, 404, { errors: [{ message: `No route ${req.method} ${req.url}`, extensions: { code: 'NOT_FOUND' } }] });
    },
  });
  const subscriptions = schema.getSubscriptionType()
    ? createSubscriptionServer({
        server: http.server,
        path: '/graphql',
        schema,
        verifier,
        context: contextOf,
        logger: logger.child({ component: 'subscriptions' }),
        executionKey: subscriptionExecutionKey,
      })
    : null;
  return {
    http,
    subscriptions,
    listen: (port, host) => http.listen(port, host),
    close: async () => {
      await subscriptions?.close();
      await http.close();
      await apollo.stop();
    },
  };
}
