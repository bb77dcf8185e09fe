import type { JWTPayload } from 'jose';
import { AuthenticationFailure } from './authentication-failure';

/** Where the tenant, roles and scopes sit in a token; identity providers name them differently. */
export interface JwtClaimNames {
  /** Tenant id or slug. @default 'tenant' */
  tenant: string;
  /** Array, or a space-separated string. @default 'roles' */
  roles: string;
  /** Space-separated string (OAuth 2.0), or an array. @default 'scope' */
  scope: string;
}

export interface VerifiedJwt {
  subject: string;
  roles: string[];
  scopes: string[];
  /** The tenant id or slug the token is for; null when it names none. */
  tenant: string | null;
}

function words(value: unknown, claim: string): string[] {
  if (value === undefined || value === null) return [];
  if (typeof value === 'string') return value.split(/[\s,]+/).filter(Boolean);
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value;
  throw new AuthenticationFailure('invalid_claim', `The token's "${claim}" claim must be a string or an array of strings`);
}

/** The claims the gateway acts on, from a verified payload; wrongly typed claims refuse the token. */
export function claimsOf(payload: JWTPayload, names: JwtClaimNames): VerifiedJwt {
  const tenant = payload[names.tenant];
  if (tenant !== undefined && tenant !== null && typeof tenant !== 'string') {
    throw new AuthenticationFailure('invalid_claim', `The token's "${names.tenant}" claim must be a string`);
  }
  return {
    subject: payload.sub as string,
    roles: words(payload[names.roles], names.roles),
    scopes: words(payload[names.scope], names.scope),
    tenant: tenant || null,
  };
}
