import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '@academy/service-kit';
import { GraphQLError } from 'graphql';
import type { GatewayContext, ResolvePrincipal } from './context';
import { isExpectedError } from './errors';
import type { Authenticate } from './plugins/use-authentication';
import type { ResolveRequestTenant } from './routes';
import type { TenantAccess } from './tenancy/tenant-access';

export interface RequestContextOptions {
  authenticate: Authenticate;
  /** Replaces `authenticate` (tests, benchmarks); the request's tenant is kept. */
  resolvePrincipal?: ResolvePrincipal;
  /** Multi-tenant mode; used by `contextFor`, since HTTP requests get their tenant from the routes. */
  resolveTenant?: ResolveRequestTenant;
  logger: Logger;
}

/**
 * Carries the tenant the routes resolved (before CORS) into Apollo's context function, which
 * authenticates once the body has been read (request signatures cover it).
 */
export function createRequestContext({ authenticate, resolvePrincipal, resolveTenant, logger }: RequestContextOptions) {
  const tenants = new WeakMap<IncomingMessage, TenantAccess | null>();

  async function context(req: IncomingMessage, requestId: string, rawBody: string): Promise<GatewayContext> {
    const resolved = tenants.get(req) ?? null;
    try {
      const { principal, tenant } = resolvePrincipal
        ? { principal: await resolvePrincipal(req, requestId, rawBody), tenant: resolved }
        : await authenticate({ req, requestId, rawBody, tenant: resolved });
      return { principal, tenant, requestId, logger: logger.child({ requestId, tenantId: principal.tenantId }) };
    } catch (error) {
      const expected = error instanceof GraphQLError && isExpectedError(error.extensions);
      if (!expected) logger.error({ err: error, requestId }, 'resolving the principal failed');
      throw error;
    }
  }

  /** Wraps the GraphQL HTTP handler so the routes can hand it the request's tenant. */
  function withTenant(handler: (req: IncomingMessage, res: ServerResponse, requestId: string) => Promise<void>) {
    return (req: IncomingMessage, res: ServerResponse, requestId: string, tenant: TenantAccess | null) => {
      tenants.set(req, tenant);
      return handler(req, res, requestId);
    };
  }

  /**
   * Tenant resolution and authentication for a request that does not pass through the routes: a
   * graphql-ws connection, whose headers are the upgrade request's merged with its `connection_init`
   * payload. Throws the refusal (TENANT_NOT_FOUND, UNAUTHENTICATED, …).
   */
  async function contextFor(req: IncomingMessage, pathSlug: string | undefined, requestId: string): Promise<GatewayContext> {
    tenants.set(req, resolveTenant ? await resolveTenant(req, pathSlug, requestId) : null);
    return context(req, requestId, '');
  }

  /** The tenant the routes resolved for this request (null: none, or single-tenant mode). */
  const tenantOf = (req: IncomingMessage): TenantAccess | null => tenants.get(req) ?? null;

  return { context, contextFor, withTenant, tenantOf };
}
