import type { Logger } from '@academy/service-kit';
import type { ApolloGateway } from '@apollo/gateway';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import type { GatewayContext } from './context';
import type { GatewayEnvironment } from './environment';
import { createFormatError } from './errors';
import { type GatewayMetrics, useMetrics } from './metrics';
import type { DemandControl } from './plugins/demand-control';
import { useDemandControl } from './plugins/use-demand-control';
import { useErrorLogging } from './plugins/use-error-logging';
import { useOperationLog } from './plugins/use-operation-log';
import { useOperationResolution } from './plugins/use-operation-resolution';
import { useRequestHygiene } from './plugins/use-request-hygiene';
import { createResultStringifier } from './result-stringifier';

export interface GatewayApolloServerOptions {
  env: GatewayEnvironment;
  gateway: ApolloGateway;
  logger: Logger;
  /** Per-tenant cost and rate limits; made once the shared store is known, hence a getter. */
  demand: () => DemandControl | undefined;
  metrics: GatewayMetrics;
  /** Run after demand control (so its admission applies to what they answer): the response cache, transformations. */
  plugins?: ApolloServerPlugin<GatewayContext>[];
}

/**
 * Apollo Server in front of the gateway. Everything Apollo would otherwise derive from
 * process.env (landing page, stack traces, introspection) is set from the validated environment.
 */
export function createGatewayApolloServer({ env, gateway, logger, demand, metrics, plugins = [] }: GatewayApolloServerOptions): ApolloServer<GatewayContext> {
  const production = env.NODE_ENV === 'production';
  return new ApolloServer<GatewayContext>({
    gateway,
    logger: logger.child({ component: 'apollo-server' }),
    nodeEnv: env.NODE_ENV,
    introspection: env.INTROSPECTION,
    includeStacktraceInErrorResponses: env.NODE_ENV === 'development',
    formatError: createFormatError(env.NODE_ENV),
    // Refuses the "simple" requests a browser sends cross-origin without a preflight.
    csrfPrevention: true,
    // Batches multiply a request's work behind one rate-limit hit: off unless configured (and bounded in the HTTP handler).
    allowBatchedHttpRequests: env.HTTP_BATCH_MAX > 0,
    // Deduplicated requests share their `data`: it is serialised once for all of them.
    stringifyResult: createResultStringifier(),
    // Persisted queries are expanded before Apollo Server, per tenant, in the shared store (persisted-queries.ts).
    persistedQueries: false,
    // The service's Lifecycle owns SIGTERM/SIGINT; Apollo's own handlers would stop the server behind its back.
    stopOnTerminationSignals: false,
    plugins: [
      useErrorLogging(),
      useMetrics(metrics),
      useOperationLog(),
      useOperationResolution(),
      useRequestHygiene({ maxOperationNameLength: env.MAX_OPERATION_NAME_LENGTH }),
      useDemandControl(demand),
      ...plugins,
      // Sandbox runs in the developer's browser and posts to this endpoint (see CORS_ORIGINS); production serves no page.
      production ? ApolloServerPluginLandingPageDisabled() : ApolloServerPluginLandingPageLocalDefault({ embed: true }),
    ],
  });
}
