import type { IncomingMessage, ServerResponse } from 'node:http';
import { type RequestHandler, sendGraphQLError, sendJson } from '@academy/service-kit';
import { GraphQLError } from 'graphql';
import type { CorsHandler } from './cors';
import { DASHBOARD_PATH, isDashboardPath, serveDashboard } from './dashboard';
import type { TenantAccess } from './tenancy/tenant-access';

export const GRAPHQL_PATH = '/graphql';
export const JWKS_PATH = '/.well-known/jwks.json';
/** `/t/<slug>/graphql`: the path strategy's endpoint (multi-tenant mode). */
export const TENANT_GRAPHQL_PATH = /^\/t\/([^/]{1,64})\/graphql$/;

const NAMED_ROUTES = new Set([GRAPHQL_PATH, JWKS_PATH, '/', '/healthz', '/readyz', '/metrics', DASHBOARD_PATH]);

/** The HTTP metrics' `route` label: tenant paths collapse into one route, unknown paths into `other`. */
export function gatewayRouteOf(path: string): string {
  if (NAMED_ROUTES.has(path)) return path;
  if (isDashboardPath(path)) return `${DASHBOARD_PATH}/*`;
  return TENANT_GRAPHQL_PATH.test(path) ? '/t/:tenant/graphql' : 'other';
}

/** Resolves the tenant a request names; throws an AppError (TENANT_NOT_FOUND, …) to refuse it. */
export type ResolveRequestTenant = (req: IncomingMessage, pathSlug: string | undefined, requestId: string) => Promise<TenantAccess | null>;

export interface GatewayRoutesOptions {
  cors: CorsHandler;
  /** Called with the tenant the request resolved to (null when none, or in single-tenant mode). */
  graphql: (req: IncomingMessage, res: ServerResponse, requestId: string, tenant: TenantAccess | null) => Promise<void>;
  /** The public context key set; subgraphs in other processes verify tokens against it. */
  jwks: { keys: object[] };
  /** Multi-tenant mode: runs before CORS, whose allow-list includes the tenant's own origins. @default no tenants */
  resolveTenant?: ResolveRequestTenant;
  /** Serve `/t/<slug>/graphql` (the path strategy). @default false */
  tenantPaths?: boolean;
}

function decodeSlug(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw; // Malformed escapes name no tenant; the lookup answers TENANT_NOT_FOUND.
  }
}

/** Everything but `/healthz` and `/readyz`, which the service kit answers before this handler runs. */
export function createGatewayRoutes({ cors, graphql, jwks, resolveTenant, tenantPaths = false }: GatewayRoutesOptions): RequestHandler {
  async function serveGraphQL(req: IncomingMessage, res: ServerResponse, requestId: string, pathSlug: string | undefined): Promise<void> {
    let tenant: TenantAccess | null = null;
    if (resolveTenant) {
      try {
        tenant = await resolveTenant(req, pathSlug, requestId);
      } catch (error) {
        if (!(error instanceof GraphQLError)) throw error;
        // The refusal is readable by browser clients of globally allowed origins.
        if (cors(req, res) === 'preflight-answered') return;
        return sendGraphQLError(res, error);
      }
    }
    if (cors(req, res, tenant?.corsOrigins) === 'preflight-answered') return;
    return graphql(req, res, requestId, tenant);
  }

  return async (req, res, requestId) => {
    const url = req.url ?? '/';
    const queryAt = url.indexOf('?');
    const path = queryAt >= 0 ? url.slice(0, queryAt) : url;
    if (path === GRAPHQL_PATH) return serveGraphQL(req, res, requestId, undefined);
    const tenantPath = tenantPaths ? TENANT_GRAPHQL_PATH.exec(path) : null;
    if (tenantPath) return serveGraphQL(req, res, requestId, decodeSlug(tenantPath[1]));
    // Same-origin page: no CORS headers, so other origins cannot read it.
    if (isDashboardPath(path)) return serveDashboard(path, req.method, res);
    if (cors(req, res) === 'preflight-answered') return;
    switch (path) {
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
