import { AppError, type Principal } from '@academy/service-kit';
import { allow, type IRule, rule } from 'graphql-shield';
import { and } from 'graphql-shield';

/** graphql-shield does not export its rule union type; this is it. */
export type ShieldRule = Parameters<typeof and>[number];
import type { SubgraphContext } from '../subgraph-context';

/** The roles a principal can hold; partners additionally carry scopes (e.g. `certifications:read`). */
export const ROLES = ['learner', 'instructor', 'tenant_admin', 'partner', 'platform_admin'] as const;
export type Role = (typeof ROLES)[number];

const principalOf = (ctx: unknown): Principal => (ctx as SubgraphContext).principal;

/** Anyone, anonymous included (e.g. public certificate verification, the public catalog). */
export const isPublic: ShieldRule = allow;

export const isAuthenticated: IRule = rule({ cache: 'contextual' })((_p, _a, ctx) =>
  principalOf(ctx).authMethod === 'anonymous' ? new AppError('UNAUTHENTICATED', 'Sign in or send an API key to use this field') : true,
);

/** A tenant was resolved for the request (platform admins act across tenants and pass). */
export const hasTenant: IRule = rule({ cache: 'contextual' })((_p, _a, ctx) => {
  const principal = principalOf(ctx);
  if (principal.tenantId !== null || principal.roles.includes('platform_admin')) return true;
  return new AppError('TENANT_REQUIRED', 'This field needs a tenant: send X-Tenant-Id, use the tenant subdomain or /t/<slug>/graphql');
});

/** graphql-shield refuses two different rules with one name, so parameterised rules are made once per name. */
const made = new Map<string, IRule>();
function once(name: string, make: () => IRule): IRule {
  let existing = made.get(name);
  if (!existing) {
    existing = make();
    made.set(name, existing);
  }
  return existing;
}

/** One of the roles (platform_admin always qualifies). */
export function hasRole(...roles: Role[]): IRule {
  return once(`hasRole:${roles.join(',')}`, () => rule(`hasRole:${roles.join(',')}`, { cache: 'contextual' })((_p, _a, ctx) => {
    const principal = principalOf(ctx);
    if (principal.roles.includes('platform_admin') || roles.some((r) => principal.roles.includes(r))) return true;
    return new AppError('FORBIDDEN', `Requires one of the roles: ${roles.join(', ')}`, { requiredRoles: roles });
  }));
}

/** A partner credential's scope; users acting through roles are not scope-limited. */
export function hasScope(scope: string): IRule {
  return once(`hasScope:${scope}`, () => rule(`hasScope:${scope}`, { cache: 'contextual' })((_p, _a, ctx) => {
    const principal = principalOf(ctx);
    if (principal.authMethod !== 'api_key' && principal.authMethod !== 'hmac') return true;
    return principal.scopes.includes(scope) ? true : new AppError('FORBIDDEN', `Requires the scope ${scope}`, { requiredScope: scope });
  }));
}

/** The gateway calling on its own behalf (tenant and API-key lookups), never a client. */
export const isService: IRule = rule({ cache: 'contextual' })((_p, _a, ctx) =>
  principalOf(ctx).authMethod === 'service' ? true : new AppError('FORBIDDEN', 'Internal field'),
);
