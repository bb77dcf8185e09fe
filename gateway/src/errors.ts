import { isErrorCode } from '@academy/service-kit';
import type { ApolloServerOptions, ApolloServerPlugin } from '@apollo/server';
import type { GatewayContext } from './context';

type Extensions = Readonly<Record<string, unknown>> | undefined;

/**
 * Expected errors are shown as they are: any registered code except INTERNAL_SERVER_ERROR (which
 * Apollo gives to every error that has no code), and every subgraph error, because the subgraph
 * already decided what its clients may see.
 */
export function isExpectedError(extensions: Extensions): boolean {
  if (extensions?.serviceName !== undefined) return true;
  const code = extensions?.code;
  return isErrorCode(code) && code !== 'INTERNAL_SERVER_ERROR';
}

export const MASKED_MESSAGE = 'Internal server error';

/**
 * Outside development, unexpected errors become a bare INTERNAL_SERVER_ERROR (the details are
 * logged with the request id by `useErrorLogging`), and no stack trace leaves, not even one a
 * subgraph in development mode put in its own error.
 */
export function createFormatError(nodeEnv: string): NonNullable<ApolloServerOptions<GatewayContext>['formatError']> {
  const development = nodeEnv === 'development';
  return (formatted) => {
    if (development) return formatted;
    if (!isExpectedError(formatted.extensions)) {
      return { message: MASKED_MESSAGE, path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
    }
    if (!formatted.extensions || !('stacktrace' in formatted.extensions)) return formatted;
    const { stacktrace: _dropped, ...extensions } = formatted.extensions;
    return { ...formatted, extensions };
  };
}

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
