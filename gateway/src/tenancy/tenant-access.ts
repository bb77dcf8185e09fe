/**
 * What the gateway learns from the tenancy subgraph's internal fields (`@inaccessible`, readable
 * only with a service principal). Values travel as JSON through the shared cache, so plain data only.
 */
export interface PlanLimits {
  maxOperationCost: number;
  bucketCapacity: number;
  restoreRatePerSecond: number;
  requestsPerMinute: number;
  /** Per user or API key of the tenant. */
  callerRequestsPerMinute: number;
  maxDepth: number;
  maxAliases: number;
  maxRootFields: number;
  maxTokens: number;
  maxDocumentBytes: number;
  maxSubscriptions: number;
}

export interface TenantAccess {
  id: string;
  slug: string;
  name: string;
  status: 'ACTIVE' | 'SUSPENDED';
  plan: 'FREE' | 'PRO' | 'ENTERPRISE';
  /** Effective: the plan's limits with the tenant's overrides applied. */
  limits: PlanLimits;
  customDomains: string[];
  corsOrigins: string[];
  featureFlags: string[];
  apiVersion: string;
  introspection: boolean;
  costExtensions: boolean;
  /** Added to the tenant's responses (transforms/tenant-response-headers.ts). Absent in records cached by earlier gateways. */
  responseHeaders?: { name: string; value: string }[];
  /** Client headers forwarded to one subgraph each (transforms/header-propagation.ts). Absent as above. */
  headerPropagation?: { subgraph: string; header: string; rename: string | null }[];
}

export interface ApiKeyAccess {
  keyId: string;
  tenantId: string;
  name: string;
  scopes: string[];
  /** Lowercase hex SHA-256 of the key's secret part. */
  secretHash: string;
  /** HMAC request-signing secret (base64url), used as the HMAC key as written. */
  signingSecret: string;
  /** ISO 8601, or null. */
  expiresAt: string | null;
  revokedAt: string | null;
}

const TENANT_FIELDS = `id slug name status plan
  limits { maxOperationCost bucketCapacity restoreRatePerSecond requestsPerMinute callerRequestsPerMinute maxDepth maxAliases maxRootFields maxTokens maxDocumentBytes maxSubscriptions }
  customDomains corsOrigins featureFlags apiVersion introspection costExtensions
  responseHeaders { name value } headerPropagation { subgraph header rename }`;

export const TENANT_ACCESS_QUERY = `query GatewayTenantAccess($id: ID, $slug: String, $domain: String) {
  tenantAccess(id: $id, slug: $slug, domain: $domain) { ${TENANT_FIELDS} }
}`;

export const API_KEY_ACCESS_QUERY = `query GatewayApiKeyAccess($keyId: String!) {
  apiKeyAccess(keyId: $keyId) { keyId tenantId name scopes secretHash signingSecret expiresAt revokedAt }
}`;

/** How a request names a tenant; ids are UUIDs, so an id-shaped reference is tried as an id first. */
export type TenantRef = { by: 'id'; value: string } | { by: 'slug'; value: string } | { by: 'domain'; value: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `X-Tenant-Id` and the JWT tenant claim carry "an id or a slug". */
export function refOfIdOrSlug(value: string): TenantRef {
  return UUID.test(value) ? { by: 'id', value: value.toLowerCase() } : { by: 'slug', value: value.toLowerCase() };
}

/** True when `tenant` is the one `value` (an id or a slug) names. */
export function namesTenant(value: string, tenant: TenantAccess): boolean {
  const lower = value.toLowerCase();
  return lower === tenant.id.toLowerCase() || lower === tenant.slug;
}
