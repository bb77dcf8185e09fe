import { Entity, type Opt, PrimaryKey, Property } from '@mikro-orm/core';
import type { LimitOverrides } from '../plan';
import type { HeaderPropagationRule, TenantResponseHeader } from './header-settings.type';

export const DEFAULT_API_VERSION = '2026-11';

/**
 * A tenant's gateway settings. A tenant without a row has the defaults, so existing tenants need no
 * backfill; custom domains live in `tenant_domain`, where a unique key makes them indexable.
 */
@Entity({ tableName: 'tenant_settings' })
export class TenantSettingsEntity {
  @PrimaryKey({ type: 'uuid' }) tenantId: string;
  @Property({ type: 'json' }) corsOrigins: string[] & Opt = [];
  @Property({ type: 'json' }) featureFlags: string[] & Opt = [];
  @Property({ type: 'string', length: 16 }) apiVersion: string & Opt = DEFAULT_API_VERSION;
  @Property({ type: 'boolean' }) introspection: boolean & Opt = true;
  @Property({ type: 'boolean' }) costExtensions: boolean & Opt = true;
  // Defaults in the table too, so the columns could be added to existing rows.
  @Property({ type: 'json', default: '[]' }) responseHeaders: TenantResponseHeader[] & Opt = [];
  @Property({ type: 'json', default: '[]' }) headerPropagation: HeaderPropagationRule[] & Opt = [];
  @Property({ type: 'json' }) limitOverrides: LimitOverrides & Opt = {};
  @Property({ type: 'datetime', onUpdate: () => new Date() }) updatedAt: Date & Opt = new Date();
}
