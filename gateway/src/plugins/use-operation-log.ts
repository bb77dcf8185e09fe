import type { ApolloServerPlugin } from '@apollo/server';
import type { GatewayContext } from '../context';

/**
 * One debug line per operation, on the request's logger (bound with requestId and tenantId, the same
 * request id every subgraph call carries in `x-request-id`), so a request is followed across services.
 */
export function useOperationLog(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      const started = performance.now();
      return {
        async willSendResponse({ contextValue, operationName, operation, response }) {
          const errors = response.body.kind === 'single' ? (response.body.singleResult.errors?.length ?? 0) : 0;
          contextValue.logger?.debug({ operationName, operationType: operation?.operation, errors, durationMs: Math.round(performance.now() - started) }, 'operation served');
        },
      };
    },
  };
}
