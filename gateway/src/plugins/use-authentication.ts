import type { IncomingMessage } from 'node:http';
import { AppError, type Principal } from '@academy/service-kit';
import { decodeJwt } from 'jose';
import type { TenantAccess } from '../tenancy/tenant-access';
import type { ApiKeyVerifier } from './api-key-verifier';
import type { AuthEvents } from './auth-events';
import { AuthenticationFailure } from './authentication-failure';
import { type Credential, credentialOf } from './credentials';
import type { HmacVerifier } from './hmac-verifier';
import type { JwtVerifier } from './jwt-verifier';
import type { Identity, TenantBinding, TenantPart } from './tenant-binding';

export interface AuthenticationOptions {
  /** null: bearer JWTs are refused (none configured). */
  jwt: JwtVerifier | null;
  /** null: API keys are refused (single-tenant mode has no key directory). */
  apiKeys: ApiKeyVerifier | null;
  /** null: signed requests are refused, as API keys. */
  hmac: HmacVerifier | null;
  binding: TenantBinding;
  /** Audit and usage events. @default none published */
  events?: AuthEvents;
}

export interface AuthenticationInput {
  req: IncomingMessage;
  requestId: string;
  /** The body as read, which request signatures cover. */
  rawBody: string;
  /** The tenant the request named (multi-tenant mode), already resolved. */
  tenant: TenantAccess | null;
}

/** The principal subgraphs will see, and the tenant's full record for the gateway's own plugins (limits, CORS). */
export interface Authenticated {
  principal: Principal;
  tenant: TenantAccess | null;
}

export type Authenticate = (input: AuthenticationInput) => Promise<Authenticated>;

// Refusals a client caused are audited; an unreachable dependency is an outage, logged elsewhere.
const AUDITED = new Set(['UNAUTHENTICATED', 'TENANT_MISMATCH', 'TENANT_NOT_FOUND', 'TENANT_SUSPENDED']);

function actorOf(credential: Credential): string {
  if (credential.kind === 'api_key' || credential.kind === 'hmac') return `apikey:${credential.keyId}`;
  if (credential.kind !== 'jwt') return 'anonymous';
  try {
    const { sub } = decodeJwt(credential.token);
    return typeof sub === 'string' && sub !== '' ? sub.slice(0, 200) : 'anonymous';
  } catch {
    return 'anonymous';
  }
}

/**
 * Establishes who is calling: at most one credential (bearer JWT, API key, or signed request),
 * verified, then bound to the request's tenant. No credential is an anonymous principal; a bad
 * one is refused with UNAUTHENTICATED and audited, never treated as anonymous.
 */
export function useAuthentication({ jwt, apiKeys, hmac, binding, events }: AuthenticationOptions): Authenticate {
  async function identify(credential: Credential, { req, requestId, rawBody }: AuthenticationInput): Promise<Identity | null> {
    switch (credential.kind) {
      case 'none':
        return null;
      case 'jwt': {
        if (!jwt) throw new AuthenticationFailure('jwt_not_accepted', 'This gateway accepts no bearer tokens');
        const claims = await jwt.verify(credential.token);
        return { authMethod: 'jwt', subject: claims.subject, roles: claims.roles, scopes: claims.scopes, tenant: claims.tenant ? { by: 'claim', value: claims.tenant } : null };
      }
      case 'api_key':
      case 'hmac': {
        const key =
          credential.kind === 'api_key'
            ? await apiKeys?.verify(credential.keyId, credential.secret, requestId)
            : await hmac?.verify(credential, { method: req.method ?? 'GET', pathWithQuery: req.url ?? '/', rawBody }, requestId);
        if (!key) throw new AuthenticationFailure('api_keys_not_accepted', 'This gateway accepts no API keys (single-tenant mode)');
        return { authMethod: credential.kind, subject: `apikey:${key.keyId}`, roles: ['partner'], scopes: key.scopes, tenant: { by: 'id', value: key.tenantId } };
      }
    }
  }

  return async (input) => {
    let credential: Credential = { kind: 'none' };
    try {
      credential = credentialOf(input.req.headers);
      const identity = await identify(credential, input);
      const { tenant, ...part }: TenantPart = await binding.bind(identity, input.tenant, input.requestId);
      if (identity && (credential.kind === 'api_key' || credential.kind === 'hmac') && part.tenantId) events?.apiKeyUsed(credential.keyId, part.tenantId);
      const principal: Principal = {
        ...part,
        subject: identity?.subject ?? null,
        // Copies: the verified claims and key records are cached and shared between requests.
        roles: identity ? [...identity.roles] : [],
        scopes: identity ? [...identity.scopes] : [],
        authMethod: identity?.authMethod ?? 'anonymous',
        requestId: input.requestId,
      };
      return { principal, tenant };
    } catch (error) {
      const code = error instanceof AppError ? error.extensions.code : undefined;
      if (events && typeof code === 'string' && AUDITED.has(code)) {
        events.authenticationFailed({
          actor: actorOf(credential),
          authMethod: credential.kind === 'none' ? 'unknown' : credential.kind,
          tenantId: input.tenant?.id ?? null,
          target: `${input.req.method ?? 'GET'} ${(input.req.url ?? '/').split('?', 1)[0]}`,
          requestId: input.requestId,
          reason: error instanceof AuthenticationFailure ? error.reason : code.toLowerCase(),
        });
      }
      throw error;
    }
  };
}
