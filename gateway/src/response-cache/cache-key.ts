import { createHash } from 'node:crypto';
import type { GraphQLRequestContext } from '@apollo/server';
import type { GatewayContext } from '../context';
import { propagatedHeaders } from '../transforms';

/** Client headers that may change what subgraphs answer, besides those the tenant's propagation rules forward. */
const VARYING_HEADERS = ['accept-language'];

const sorted = (values: readonly string[]) => [...new Set(values)].sort();

/**
 * Everything that can change a query's result besides the subgraphs' data: the operation and its
 * variables, and who asks as far as authorization goes (tenant, auth method, roles, scopes, flags,
 * API version, the client headers that reach subgraphs). PRIVATE entries add the principal's subject on top.
 */
export function cacheKeysOf(rc: GraphQLRequestContext<GatewayContext>): { tenantId: string; public: string; private: string | null } | null {
  const { principal, tenant } = rc.contextValue;
  const tenantId = tenant?.id ?? principal.tenantId;
  if (!tenantId || !rc.queryHash) return null;
  const material = JSON.stringify([
    rc.queryHash,
    rc.operationName ?? null,
    rc.request.variables ?? {},
    principal.authMethod,
    sorted(principal.roles),
    sorted(principal.scopes),
    sorted([...principal.flags, ...(tenant?.featureFlags ?? [])]),
    tenant?.apiVersion ?? null,
    // The rules too: a new rule changes what subgraphs receive, hence what they answer.
    tenant?.headerPropagation ?? [],
    [...VARYING_HEADERS, ...propagatedHeaders(tenant)].map((name) => rc.request.http?.headers.get(name) ?? null),
  ]);
  const hash = (text: string) => createHash('sha256').update(text).digest('base64url');
  const prefix = `response-cache:${tenantId}:`;
  return {
    tenantId,
    public: prefix + hash(material),
    private: principal.subject ? `${prefix}${hash(JSON.stringify([material, principal.subject]))}` : null,
  };
}
