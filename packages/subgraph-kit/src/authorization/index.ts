export { applyAuthorization } from './apply-authorization';
export { hasRole, hasScope, hasTenant, isAuthenticated, isPublic, isService, ROLES, type Role } from './rules';
