import type { ApolloServerPlugin } from '@apollo/server';
import type { GatewayContext } from '../context';
import { isExpectedError } from '../errors';

/** Logs every unexpected error once, with the request id a client sees in `x-request-id`. */
export function useErrorLogging(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue }) {
          for (const error of errors) {
            if (isExpectedError(error.extensions)) continue;
            contextValue.logger.error({ err: error.originalError ?? error, path: error.path }, 'unexpected error in a GraphQL request');
          }
        },
      };
    },
  };
}
