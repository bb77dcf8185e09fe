import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * The tenants analytics has heard of: from tenancy's `tenant.changed` events and from requests the
 * gateway resolved a tenant for. Events from the bus naming any other tenant are dead-lettered.
 */
@Entity({ tableName: 'analytics_known_tenant' })
export class KnownTenantEntity {
  @PrimaryKey({ type: 'string', length: 64 }) id: string;
  @Property({ type: 'datetime' }) firstSeenAt: Date;
}
