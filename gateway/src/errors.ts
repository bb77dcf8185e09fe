import { isErrorCode } from '@academy/service-kit';
import type { ApolloServerOptions } from '@apollo/server';
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
const CONTEXT_FAILURE_PREFIX = 'Context creation failed: ';

/**
 * Outside development, unexpected errors become a bare INTERNAL_SERVER_ERROR (the details are
 * logged with the request id by `useErrorLogging`), and no stack trace leaves, not even one a
 * subgraph in development mode put in its own error.
 */
export function createFormatError(nodeEnv: string): NonNullable<ApolloServerOptions<GatewayContext>['formatError']> {
  const development = nodeEnv === 'development';
  return (formatted) => {
    const expected = isExpectedError(formatted.extensions);
    // Apollo prefixes errors thrown while building the context (where `resolvePrincipal` runs);
    // an AppError's message was written for the client and stays as written.
    if (expected && formatted.message.startsWith(CONTEXT_FAILURE_PREFIX)) {
      formatted = { ...formatted, message: formatted.message.slice(CONTEXT_FAILURE_PREFIX.length) };
    }
    if (development) return formatted;
    if (!expected) {
      return { message: MASKED_MESSAGE, path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
    }
    if (!formatted.extensions || !('stacktrace' in formatted.extensions)) return formatted;
    const { stacktrace: _dropped, ...extensions } = formatted.extensions;
    return { ...formatted, extensions };
  };
}
