import { type RequestHandler, sendJson } from '@academy/service-kit';
import type { CorsHandler } from './cors';

export const GRAPHQL_PATH = '/graphql';
export const JWKS_PATH = '/.well-known/jwks.json';

export interface GatewayRoutesOptions {
  cors: CorsHandler;
  graphql: RequestHandler;
  /** The public context key set; subgraphs in other processes verify tokens against it. */
  jwks: { keys: object[] };
}

/** Everything but `/healthz` and `/readyz`, which the service kit answers before this handler runs. */
export function createGatewayRoutes({ cors, graphql, jwks }: GatewayRoutesOptions): RequestHandler {
  return async (req, res, requestId) => {
    if (cors(req, res) === 'preflight-answered') return;
    const url = req.url ?? '/';
    const queryAt = url.indexOf('?');
    const path = queryAt >= 0 ? url.slice(0, queryAt) : url;
    switch (path) {
      case GRAPHQL_PATH:
        return graphql(req, res, requestId);
      case '/':
        // Sandbox posts to the page's own URL, so it has to be opened at /graphql; 307 keeps a POST a POST.
        res.writeHead(307, { location: `${GRAPHQL_PATH}${queryAt >= 0 ? url.slice(queryAt) : ''}` });
        res.end();
        return;
      case JWKS_PATH:
        return sendJson(res, 200, jwks, { 'cache-control': 'public, max-age=300' });
      default:
        return sendJson(res, 404, {
          errors: [{ message: `Nothing is served at ${path}; the GraphQL endpoint is ${GRAPHQL_PATH}`, extensions: { code: 'ROUTE_NOT_FOUND' } }],
        });
    }
  };
}
