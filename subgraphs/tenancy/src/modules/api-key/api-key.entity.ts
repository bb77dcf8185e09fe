import { TenantScoped } from '@academy/subgraph-kit';
import { Entity, Index, type Opt, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * A partner API key. The secret is never stored, only its SHA-256; the signing secret is derived.
 * Tenant-scoped: a request's EntityManager sees only its tenant's keys, on top of the service's own scoping.
 */
@Entity({ tableName: 'api_key' })
@TenantScoped()
@Index({ properties: ['tenantId', 'createdAt'] })
export class ApiKeyEntity {
  @PrimaryKey({ type: 'string', length: 12 }) keyId: string;
  @Property({ type: 'uuid' }) tenantId: string;
  @Property({ type: 'string', length: 100 }) name: string;
  @Property({ type: 'json' }) scopes: string[];
  /** Lowercase hex SHA-256 of the secret part of the key. */
  @Property({ type: 'string', length: 64 }) secretHash: string;
  @Property({ type: 'datetime' }) createdAt: Date & Opt = new Date();
  @Property({ type: 'datetime', nullable: true }) expiresAt: Date | null = null;
  @Property({ type: 'datetime', nullable: true }) revokedAt: Date | null = null;
  /** Updated from the gateway's `api-key.used` events, so it lags real use by up to a minute. */
  @Property({ type: 'datetime', nullable: true }) lastUsedAt: Date | null = null;
  @Property({ type: 'string', length: 12, nullable: true }) rotatedFromKeyId: string | null = null;
}
