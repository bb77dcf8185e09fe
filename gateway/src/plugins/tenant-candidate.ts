import type { IncomingHttpHeaders } from 'node:http';
import { isIP } from 'node:net';
import type { TenantStrategy } from '../environment';
import { refOfIdOrSlug, type TenantRef } from '../tenancy/tenant-access';

export interface TenantCandidateOptions {
  /** Tried in order; the first that yields a candidate decides. */
  strategies: readonly TenantStrategy[];
  /** `<slug>.<baseDomain>` names a tenant; unset turns the subdomain strategy off. */
  baseDomain?: string;
  /** The gateway's own host names, which are never a tenant's custom domain. @default [] */
  gatewayHostnames?: readonly string[];
}

export interface CandidateSource {
  headers: IncomingHttpHeaders;
  /** From `/t/<slug>/graphql`. */
  pathSlug?: string;
}

/**
 * Labels under the base domain that are the platform's own hosts (`api.academy.mx`), mirroring the
 * slugs tenancy refuses to hand out, so they never read as a tenant.
 */
export const RESERVED_SUBDOMAINS = new Set(['www', 'api', 'app', 'admin', 'graphql', 'gateway', 'status', 'docs', 'static']);

/** `Host` without port or trailing dot, lowercased; IPv6 literals keep their brackets. */
export function hostOf(headers: IncomingHttpHeaders): string | undefined {
  const host = headers.host?.trim().toLowerCase();
  if (!host) return undefined;
  const withoutPort = host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.replace(/:\d*$/, '');
  return withoutPort.replace(/\.$/, '');
}

function isGatewayHost(host: string, options: TenantCandidateOptions): boolean {
  if (host === 'localhost' || host.endsWith('.localhost') || host.startsWith('[') || isIP(host) !== 0) return true;
  // Single-label names (`gateway`, a compose service) are internal; a custom domain has a dot.
  if (!host.includes('.')) return true;
  const base = options.baseDomain;
  if (base && (host === base || host.endsWith(`.${base}`))) return true;
  return options.gatewayHostnames?.includes(host) ?? false;
}

function fromStrategy(strategy: TenantStrategy, source: CandidateSource, options: TenantCandidateOptions): TenantRef | null {
  switch (strategy) {
    case 'header': {
      const value = source.headers['x-tenant-id'];
      return typeof value === 'string' && value.trim() !== '' ? refOfIdOrSlug(value.trim()) : null;
    }
    case 'path':
      return source.pathSlug ? { by: 'slug', value: source.pathSlug.toLowerCase() } : null;
    case 'subdomain': {
      const host = hostOf(source.headers);
      const base = options.baseDomain;
      if (!host || !base || !host.endsWith(`.${base}`)) return null;
      const label = host.slice(0, -(base.length + 1));
      return label.includes('.') || RESERVED_SUBDOMAINS.has(label) ? null : { by: 'slug', value: label };
    }
    case 'domain': {
      const host = hostOf(source.headers);
      return host && !isGatewayHost(host, options) ? { by: 'domain', value: host } : null;
    }
  }
}

/** The tenant a request names by the first strategy that names one, or null for a tenant-less request. */
export function tenantCandidate(source: CandidateSource, options: TenantCandidateOptions): TenantRef | null {
  for (const strategy of options.strategies) {
    const ref = fromStrategy(strategy, source, options);
    if (ref) return ref;
  }
  return null;
}
