import type { IncomingMessage } from 'node:http';
import type { Logger, Principal } from '@academy/service-kit';

/** The Apollo context of one gateway request; subgraph data sources read the principal from it. */
export interface GatewayContext {
  principal: Principal;
  requestId: string;
  /** Bound with `{ requestId, tenantId }`. */
  logger: Logger;
}

/**
 * Establishes who is calling. Tenant resolution and authentication plug in here; a thrown
 * `AppError` (e.g. `UNAUTHENTICATED`) becomes the response with its code and status.
 */
export type ResolvePrincipal = (req: IncomingMessage, requestId: string) => Promise<Principal>;

export function anonymousPrincipal(requestId: string): Principal {
  return { tenantId: null, plan: null, subject: null, roles: [], scopes: [], authMethod: 'anonymous', requestId, flags: [] };
}

export const resolveAnonymousPrincipal: ResolvePrincipal = async (_req, requestId) => anonymousPrincipal(requestId);

/** Who the gateway is when it calls a subgraph on its own behalf (health checks), not for a client. */
export function gatewayServicePrincipal(requestId: string): Principal {
  return { ...anonymousPrincipal(requestId), subject: 'academy-gateway', authMethod: 'service' };
}
