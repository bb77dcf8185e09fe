import type { ApolloServerPlugin } from '@apollo/server';
import type { SubgraphContext } from './subgraph-context';

/** One debug line per operation on the request's logger (requestId from the gateway's `x-request-id`, tenantId). */
export function useOperationLog(): ApolloServerPlugin<SubgraphContext> {
  return {
    async requestDidStart() {
      const started = performance.now();
      return {
        async willSendResponse({ contextValue, operationName, response }) {
          const errors = response.body.kind === 'single' ? (response.body.singleResult.errors?.length ?? 0) : 0;
          contextValue.logger?.debug({ operationName, errors, durationMs: Math.round(performance.now() - started) }, 'operation served');
        },
      };
    },
  };
}
