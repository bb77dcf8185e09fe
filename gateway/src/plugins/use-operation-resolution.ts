import { AppError } from '@academy/service-kit';
import type { ApolloServerPlugin } from '@apollo/server';
import type { GatewayContext } from '../context';

/**
 * Refuses a document in which the requested operation cannot be found, with the 400
 * OPERATION_RESOLUTION_FAILURE that Apollo Server gives without a gateway. With a gateway, Apollo
 * leaves that to the gateway's executor, which throws (INVALID_GRAPHQL) and turns it into a 500.
 */
export function useOperationResolution(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, request }) {
          if (operation) return;
          throw new AppError(
            'OPERATION_RESOLUTION_FAILURE',
            request.operationName ? `Unknown operation named "${request.operationName}".` : 'Must provide operation name if query contains multiple operations.',
          );
        },
      };
    },
  };
}
