import type { IncomingMessage } from 'node:http';
import { type GraphQLIntercept, sendGraphQLError } from '@academy/service-kit';
import { checkDocumentText } from './limits';
import type { TenantAccess } from './tenancy/tenant-access';

/** The documents a request carries: a POST body's `query` (each one of a batch), or a GET's `query` parameter. */
function documentsOf(req: IncomingMessage, body: unknown): string[] {
  if (req.method === 'GET') {
    const query = new URLSearchParams((req.url ?? '').split('?')[1] ?? '').get('query');
    return query === null ? [] : [query];
  }
  const requests = Array.isArray(body) ? body : [body];
  return requests.flatMap((request) => {
    const query = typeof request === 'object' && request !== null ? (request as { query?: unknown }).query : undefined;
    return typeof query === 'string' ? [query] : [];
  });
}

/**
 * The tenant's size and token limits on each document's text, before Apollo Server parses it: the
 * parser never sees a document its tenant's plan refuses, so an oversized one costs at most its
 * byte length and `maxTokens + 1` tokens of lexing. Persisted queries are checked once expanded (this
 * runs after them). Demand control checks the parsed document again, which also covers
 * subscriptions over graphql-ws; there the measurement is cached per document.
 */
export function withDocumentLimits(tenantOf: (req: IncomingMessage) => TenantAccess | null, onRejected: (code: string) => void, next: GraphQLIntercept): GraphQLIntercept {
  return async (req, res, requestId, body, rawBody) => {
    const limits = tenantOf(req)?.limits;
    if (limits) {
      for (const document of documentsOf(req, body)) {
        const [error] = checkDocumentText(document, limits);
        if (!error) continue;
        onRejected(error.extensions.code as string);
        sendGraphQLError(res, error);
        return true;
      }
    }
    return next(req, res, requestId, body, rawBody);
  };
}
