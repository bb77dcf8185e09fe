import { randomUUID } from 'node:crypto';
import { AppError, CONTEXT_TOKEN_HEADER, type ContextTokenSigner, type Logger } from '@academy/service-kit';
import { gatewayServicePrincipal } from '../context';
import type { SubgraphAgent } from '../subgraph-fetcher';
import { API_KEY_ACCESS_QUERY, type ApiKeyAccess, TENANT_ACCESS_QUERY, type TenantAccess, type TenantRef } from './tenant-access';

/** The subgraph name the gateway asks; its URL is the supergraph's routing URL for it. */
export const TENANCY_SUBGRAPH = 'tenancy';

export interface TenancyClientOptions {
  /** The tenancy subgraph's current URL (it follows supergraph reloads); undefined while unknown. */
  url: () => string | undefined;
  signer: ContextTokenSigner;
  /** The same pool (and client certificate) as the gateway's subgraph calls. */
  agent: SubgraphAgent;
  timeoutMs: number;
  logger: Logger;
}

export interface TenancyClient {
  tenantAccess(ref: TenantRef, requestId?: string): Promise<TenantAccess | null>;
  apiKeyAccess(keyId: string, requestId?: string): Promise<ApiKeyAccess | null>;
}

interface GraphQLBody<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/**
 * Calls tenancy's gateway-only fields directly, as the gateway itself (a service principal in a
 * context token for the `tenancy` audience): no client identity is involved in these lookups.
 */
export function createTenancyClient({ url, signer, agent, timeoutMs, logger }: TenancyClientOptions): TenancyClient {
  const fetcher = agent.fetcher(timeoutMs);
  const unavailable = (reason: string) =>
    new AppError('DOWNSTREAM_SERVICE_ERROR', 'Tenant and credential lookups are unavailable; retry shortly', { serviceName: TENANCY_SUBGRAPH, reason });

  async function query<T>(document: string, variables: Record<string, unknown>, requestId: string = randomUUID()): Promise<T> {
    const target = url();
    if (!target) throw unavailable('no_tenancy_subgraph');
    let body: GraphQLBody<T>;
    try {
      const token = await signer.sign(gatewayServicePrincipal(requestId), TENANCY_SUBGRAPH);
      const response = await fetcher(target, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-request-id': requestId, [CONTEXT_TOKEN_HEADER]: token },
        body: JSON.stringify({ query: document, variables }),
      });
      body = (await response.json()) as GraphQLBody<T>;
    } catch (error) {
      logger.warn({ err: error, requestId }, 'tenancy lookup failed');
      throw unavailable('unreachable');
    }
    if (body.errors?.length || !body.data) {
      logger.error({ errors: body.errors, requestId }, 'tenancy refused a gateway lookup');
      throw unavailable('refused');
    }
    return body.data;
  }

  return {
    async tenantAccess(ref, requestId) {
      const data = await query<{ tenantAccess: TenantAccess | null }>(TENANT_ACCESS_QUERY, { [ref.by]: ref.value }, requestId);
      return data.tenantAccess;
    },
    async apiKeyAccess(keyId, requestId) {
      const data = await query<{ apiKeyAccess: ApiKeyAccess | null }>(API_KEY_ACCESS_QUERY, { keyId }, requestId);
      return data.apiKeyAccess;
    },
  };
}
