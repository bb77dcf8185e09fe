import { CONTEXT_TOKEN_HEADER } from './context-token';

/**
 * Which headers a tenant may configure: the gateway applies the rules when it uses a setting, and
 * tenancy refuses settings that break them, so an operator learns at once instead of seeing a header
 * silently skipped.
 */

/** Lowercase HTTP token names, as Node presents incoming headers. */
const HEADER_NAME = /^[a-z0-9][a-z0-9-]{0,63}$/;
/** Visible ASCII and spaces: no CR/LF (header injection), nothing Node would refuse to send. */
const HEADER_VALUE = /^[\x20-\x7e]{0,256}$/;

/** Credentials (the context token carries identity), hop-by-hop and framing headers, and what the gateway itself sends. */
const NEVER_FORWARDED = new Set([
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'x-api-key',
  CONTEXT_TOKEN_HEADER,
  'x-request-id',
  'traceparent',
  'tracestate',
  'host',
  'connection',
  'keep-alive',
  'transfer-encoding',
  'te',
  'trailer',
  'upgrade',
  'content-length',
  'content-type',
  'content-encoding',
  'accept-encoding',
  'expect',
]);

/** Security and protocol headers, and those the gateway sets itself: a tenant's headers never replace them. */
const NEVER_SET = new Set([
  'x-request-id',
  'x-cache',
  'x-content-type-options',
  'x-frame-options',
  'x-xss-protection',
  'x-permitted-cross-domain-policies',
  'x-dns-prefetch-control',
  'x-download-options',
  'x-powered-by',
  'x-forwarded-for',
  'x-forwarded-host',
  'x-forwarded-proto',
  'x-real-ip',
  'x-api-key',
  'x-tenant-id',
]);

export function isHeaderName(name: string): boolean {
  return HEADER_NAME.test(name);
}

export function isHeaderValue(value: string): boolean {
  return HEADER_VALUE.test(value);
}

/** Why `name` may not be forwarded from a client to a subgraph, or null when it may. */
export function unforwardableReason(name: string): string | null {
  if (!isHeaderName(name)) return `"${name}" is not a lowercase header name`;
  if (NEVER_FORWARDED.has(name) || name.startsWith('x-academy-')) return `"${name}" is never forwarded (credentials, hop-by-hop or gateway-owned)`;
  return null;
}

/**
 * Why a tenant may not set `name` on responses, or null when it may. Only `x-` headers: standard ones
 * (caching, CORS, security policies, cookies) stay the gateway's and the platform's.
 */
export function unsettableReason(name: string): string | null {
  if (!isHeaderName(name)) return `"${name}" is not a lowercase header name`;
  if (!name.startsWith('x-')) return `"${name}" is not an x- header; only x- headers may be set per tenant`;
  if (NEVER_SET.has(name) || name.startsWith('x-academy-')) return `"${name}" is a security or gateway-owned header`;
  return null;
}
