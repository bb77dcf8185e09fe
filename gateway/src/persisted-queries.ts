import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { KeyValueStore } from '@academy/cache';
import { AppError, type ErrorCode, type GraphQLIntercept, sendGraphQLError } from '@academy/service-kit';

export interface PersistedQueryOptions {
  store: KeyValueStore;
  /** The tenant the request resolved to (its id namespaces the cache), or null. */
  tenantIdOf: (req: IncomingMessage) => string | null;
  ttlMs: number;
}

const SHA256 = /^[0-9a-f]{64}$/;

interface PersistedQuery {
  version?: unknown;
  sha256Hash?: unknown;
}

function refuse(res: ServerResponse, code: ErrorCode, message: string): true {
  sendGraphQLError(res, new AppError(code, message));
  return true;
}

/**
 * Automatic persisted queries (Apollo's protocol: `extensions.persistedQuery { version: 1, sha256Hash }`)
 * in the shared store, namespaced per tenant, so one tenant's registrations neither serve nor reveal
 * another's. A known hash is expanded to its document before Apollo Server sees the request; an unknown
 * one answers `PERSISTED_QUERY_NOT_FOUND`, and Apollo Client resends with the document, which is
 * registered once its hash checks out. POST bodies and GET query strings both work.
 */
export function withPersistedQueries({ store, tenantIdOf, ttlMs }: PersistedQueryOptions, next: GraphQLIntercept): GraphQLIntercept {
  return async (req, res, requestId, body, rawBody) => {
    const get = req.method === 'GET';
    const search = get ? new URLSearchParams((req.url ?? '').split('?')[1] ?? '') : undefined;
    let request: Record<string, unknown> | undefined;
    if (get) {
      try {
        const extensions = search?.get('extensions');
        request = { query: search?.get('query') ?? undefined, extensions: extensions ? JSON.parse(extensions) : undefined };
      } catch {
        return next(req, res, requestId, body, rawBody); // Apollo Server answers the malformed parameter.
      }
    } else if (typeof body === 'object' && body !== null && !Array.isArray(body)) {
      request = body as Record<string, unknown>;
    }
    const extensions = request?.extensions as { persistedQuery?: PersistedQuery } | undefined;
    const persisted = extensions?.persistedQuery;
    if (!request || !persisted) return next(req, res, requestId, body, rawBody);
    if (persisted.version !== 1) return refuse(res, 'PERSISTED_QUERY_NOT_SUPPORTED', 'Unsupported persisted query version; use 1');
    if (typeof persisted.sha256Hash !== 'string' || !SHA256.test(persisted.sha256Hash)) {
      return refuse(res, 'BAD_REQUEST', 'persistedQuery.sha256Hash must be 64 lowercase hex characters');
    }
    const key = `apq:${tenantIdOf(req) ?? '-'}:${persisted.sha256Hash}`;
    let query = typeof request.query === 'string' ? request.query : undefined;
    if (query !== undefined) {
      if (createHash('sha256').update(query).digest('hex') !== persisted.sha256Hash) return refuse(res, 'BAD_REQUEST', 'provided sha does not match query');
      await store.set(key, query, ttlMs);
    } else {
      query = (await store.get(key)) ?? undefined;
      // 200, as Apollo Server answers it: Apollo Client reads the code and resends with the document.
      if (query === undefined) return refuse(res, 'PERSISTED_QUERY_NOT_FOUND', 'PersistedQueryNotFound');
    }
    const { persistedQuery: _handled, ...rest } = extensions;
    if (get && search) {
      search.set('query', query);
      if (Object.keys(rest).length) search.set('extensions', JSON.stringify(rest));
      else search.delete('extensions');
      req.url = `${(req.url ?? '/').split('?')[0]}?${search.toString()}`;
    } else {
      request.query = query;
      request.extensions = rest;
    }
    return next(req, res, requestId, body, rawBody);
  };
}
