import { httpStatusOf, isErrorCode } from '@academy/service-kit';
import type { ApolloServerPlugin } from '@apollo/server';
import { type DocumentNode, Kind } from 'graphql';
import type { GatewayContext } from '../context';
import { LIMIT_REJECTION_CODES } from '../limits';
import type { GatewayMetrics, OperationOutcome } from './gateway-metrics';

/** The document's first operation's name (a document that failed validation has no resolved operation). */
export function firstOperationName(document: DocumentNode | undefined): string | undefined {
  const definition = document?.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
  return definition?.kind === Kind.OPERATION_DEFINITION ? definition.name?.value : undefined;
}

/** Codes outside the registry (a subgraph's own) are counted under one label, keeping the set bounded. */
function codeLabel(code: unknown): string {
  return isErrorCode(code) ? code : 'OTHER';
}

/**
 * `rejected` by a limit; `server_error` when any error is the server's (a 5xx code, or one outside the
 * registry); `client_error` for the caller's own (validation, authorization, bad input); else `ok`.
 */
export function outcomeOf(codes: string[]): OperationOutcome {
  if (codes.some((code) => LIMIT_REJECTION_CODES.has(code))) return 'rejected';
  if (codes.some((code) => (httpStatusOf(code) ?? 500) >= 500)) return 'server_error';
  return codes.length ? 'client_error' : 'ok';
}

/**
 * Counts every GraphQL operation Apollo answers (name, type, outcome, duration, error codes, tenant).
 * Requests refused before Apollo (unknown tenant, bad credentials) are counted by the HTTP metrics.
 */
export function useMetrics(metrics: GatewayMetrics): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      const startedAt = performance.now();
      return {
        async willSendResponse({ response, operationName, operation, contextValue, request, document }) {
          const errors = response.body.kind === 'single' ? (response.body.singleResult.errors ?? []) : [];
          const codes = errors.map((error) => codeLabel(error.extensions?.code));
          const outcome = outcomeOf(codes);
          // A document that failed to parse or validate has no resolved operation; the name the client sent still labels it.
          metrics.operation(operationName ?? request.operationName ?? firstOperationName(document), operation?.operation ?? 'unknown', outcome, (performance.now() - startedAt) / 1000, contextValue.tenant?.slug ?? null, codes);
        },
      };
    },
  };
}
