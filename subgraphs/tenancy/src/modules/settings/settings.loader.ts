import DataLoader from 'dataloader';
import type { SettingsService } from './settings.service';
import type { TenantSettings } from './settings.type';

export interface SettingsLoaders {
  settingsByTenantId: DataLoader<string, TenantSettings>;
}

/** Per request: `settings` and `effectiveLimits` of a page of tenants cost two queries, not two per tenant. */
export function createSettingsLoaders(settings: SettingsService): SettingsLoaders {
  return { settingsByTenantId: new DataLoader((ids) => settings.forTenants(ids)) };
}
