/**
 * The events tenancy publishes and consumes: the contract with the gateway and other services.
 * Payloads never carry secrets, full keys or tokens.
 */
export const EVENT = {
  /** Published after any change to a tenant, its settings, plan or overrides. */
  tenantChanged: 'tenant.changed',
  /** Published when a plan's limits change. */
  planChanged: 'plan.changed',
  /** Published after an API key is created, revoked or rotated. */
  apiKeyChanged: 'api-key.changed',
  /** Consumed: the gateway saw a key in use (at most once a minute per key). */
  apiKeyUsed: 'api-key.used',
  /** Consumed and published: one administrative action, whatever its outcome. */
  auditRecorded: 'audit.recorded',
} as const;

/** Consumer groups: one durable queue each on RabbitMQ. */
export const CONSUMER_GROUP = {
  apiKeyUsage: 'tenancy.api-key-usage',
  audit: 'tenancy.audit',
} as const;

export interface TenantChangedPayload {
  tenantId: string;
  slug: string;
  customDomains: string[];
}

export interface PlanChangedPayload {
  code: string;
}

export interface ApiKeyChangedPayload {
  keyId: string;
  tenantId: string;
}

export interface ApiKeyUsedPayload {
  keyId: string;
  /** ISO 8601. */
  at: string;
}

export type AuditOutcomeValue = 'success' | 'failure' | 'denied';

export interface AuditRecordedPayload {
  actor: string;
  authMethod: string;
  tenantId: string | null;
  action: string;
  target: string;
  outcome: AuditOutcomeValue;
  requestId: string;
  reason?: string;
  /** ISO 8601. */
  at: string;
}
