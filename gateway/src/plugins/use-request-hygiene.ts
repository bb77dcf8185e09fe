import { AppError } from '@academy/service-kit';
import type { ApolloServerPlugin } from '@apollo/server';
import { type DocumentNode, Kind, type SelectionSetNode } from 'graphql';
import type { GatewayContext } from '../context';

export interface RequestHygieneOptions {
  /** Longer operation names are refused (they end up in logs, metrics and the usage log). */
  maxOperationNameLength: number;
}

const INTROSPECTION_FIELDS = new Set(['__schema', '__type']);

/** Whether the operation asks for the schema (`__schema` / `__type`, fragments included); `__typename` is not introspection. */
export function requestsIntrospection(document: DocumentNode): boolean {
  const fragments = new Map(document.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d.selectionSet] as const] : [])));
  const seen = new Set<string>();
  const visit = (set: SelectionSetNode): boolean =>
    set.selections.some((selection) => {
      if (selection.kind === Kind.FIELD) return INTROSPECTION_FIELDS.has(selection.name.value) || (selection.selectionSet !== undefined && visit(selection.selectionSet));
      if (selection.kind === Kind.INLINE_FRAGMENT) return visit(selection.selectionSet);
      const name = selection.name.value;
      if (seen.has(name)) return false;
      seen.add(name);
      const fragment = fragments.get(name);
      return fragment !== undefined && visit(fragment);
    });
  return document.definitions.some((d) => d.kind === Kind.OPERATION_DEFINITION && visit(d.selectionSet));
}

/**
 * Checks Apollo Server does not make: a bounded operation name, and introspection per tenant — a
 * tenant whose settings turn it off gets no schema even where the environment allows introspection
 * (the environment's INTROSPECTION stays the ceiling; Apollo applies it).
 */
export function useRequestHygiene({ maxOperationNameLength }: RequestHygieneOptions): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        // The first hook whose thrown GraphQLError Apollo answers as a request error (with its status).
        async didResolveOperation({ request, document, contextValue }) {
          if (request.operationName && request.operationName.length > maxOperationNameLength) {
            throw new AppError('BAD_REQUEST', `The operation name is longer than ${maxOperationNameLength} characters`);
          }
          if (contextValue.tenant && !contextValue.tenant.introspection && requestsIntrospection(document)) {
            throw new AppError('GRAPHQL_VALIDATION_FAILED', 'GraphQL introspection is turned off for this tenant', { reason: 'introspection_disabled' });
          }
        },
      };
    },
  };
}
