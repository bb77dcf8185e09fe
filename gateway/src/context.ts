import type { IncomingMessage } from 'node:http';
import type { Logger, Principal } from '@academy/service-kit';
import type { TenantAccess } from './tenancy/tenant-access';

/** The Apollo context of one gateway request; subgraph data sources read the principal from it. */
export interface GatewayContext {
  principal: Principal;
  /** The tenant's full record (limits, flags, settings) in multi-tenant mode; null otherwise or when none. */
  tenant: TenantAccess | null;
  requestId: string;
  /** Bound with `{ requestId, tenantId }`. */
  logger: Logger;
}

/**
 * Establishes who is calling; replaces the built-in authentication (tests, benchmarks, embedders
 * with their own). A thrown `AppError` (e.g. `UNAUTHENTICATED`) becomes the response with its code
 * and status. `rawBody` is the body as read, for request signatures.
 */
export type ResolvePrincipal = (req: IncomingMessage, requestId: string, rawBody: string) => Promise<Principal>;

export function anonymousPrincipal(requestId: string): Principal {
  return { tenantId: null, plan: null, subject: null, roles: [], scopes: [], authMethod: 'anonymous', requestId, flags: [] };
}

/** Who the gateway is when it calls a subgraph on its own behalf (health checks), not for a client. */
export function gatewayServicePrincipal(requestId: string): Principal {
  return { ...anonymousPrincipal(requestId), subject: 'academy-gateway', authMethod: 'service' };
}
