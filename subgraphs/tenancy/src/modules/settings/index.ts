export { createSettingsLoaders, type SettingsLoaders } from './settings.loader';
export { SettingsResolver } from './settings.resolver';
export { SettingsService } from './settings.service';
export { TenantSettings } from './settings.type';
export { DEFAULT_API_VERSION, TenantSettingsEntity } from './tenant-settings.entity';
export { HeaderPropagationRule, TenantResponseHeader } from './header-settings.type';
