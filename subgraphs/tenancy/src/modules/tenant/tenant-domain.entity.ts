import { Entity, Index, type Opt, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * A custom domain of a tenant. The domain is the primary key: the gateway resolves a tenant from the
 * Host header on every request, and no two tenants may claim one domain.
 */
@Entity({ tableName: 'tenant_domain' })
export class TenantDomainEntity {
  /** Lowercase hostname, at most 253 characters (RFC 1035). */
  @PrimaryKey({ type: 'string', length: 253 }) domain: string;
  @Index() @Property({ type: 'uuid' }) tenantId: string;
  @Property({ type: 'datetime' }) createdAt: Date & Opt = new Date();
}
