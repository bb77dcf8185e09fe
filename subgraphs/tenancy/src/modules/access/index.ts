export { AccessResolver } from './access.resolver';
export { AccessService } from './access.service';
export { ApiKeyAccess, TenantAccess } from './access.type';
