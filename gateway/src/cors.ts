import type { IncomingMessage, ServerResponse } from 'node:http';
import { AppError, sendGraphQLError } from '@academy/service-kit';

/** What a browser client may send: the credentials the gateway reads, plus Apollo's client and CSRF headers. */
export const CORS_ALLOW_HEADERS = [
  'content-type',
  'authorization',
  'x-api-key',
  'x-tenant-id',
  'x-request-id',
  'apollographql-client-name',
  'apollographql-client-version',
  'apollo-require-preflight',
  'x-apollo-operation-name',
];

export interface CorsOptions {
  /** Exact origins (`https://app.example.com`) or patterns where `*` matches one host label or, after `:`, any port (or none). */
  origins: string[];
  /** @default CORS_ALLOW_HEADERS */
  allowHeaders?: string[];
  /** How long a browser may cache a preflight answer. @default 600 */
  maxAgeSeconds?: number;
}

/** `tenantOrigins`: the resolved tenant's own allowed origins, on top of the global ones. */
export type CorsHandler = (req: IncomingMessage, res: ServerResponse, tenantOrigins?: readonly string[]) => 'preflight-answered' | 'continue';

function escapeRegExp(text: string): string {
  return text.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
}

/** Compiles an origin pattern: `http://localhost:*` also matches `http://localhost`; `https://*.example.com` one label. */
export function originMatcher(patterns: string[]): (origin: string) => boolean {
  if (patterns.includes('*')) return () => true;
  const exact = new Set(patterns.filter((p) => !p.includes('*')));
  const regexps = patterns
    .filter((p) => p.includes('*'))
    .map((p) => {
      const source = escapeRegExp(p)
        .replace(/:\*$/, '(?::\\d{1,5})?')
        .replace(/\*/g, '[a-z0-9-]+');
      return new RegExp(`^${source}$`, 'i');
    });
  return (origin) => exact.has(origin) || regexps.some((r) => r.test(origin));
}

/**
 * Answers preflights and adds CORS headers to actual requests from allowed origins. A disallowed
 * origin's preflight gets 403 and its other requests get no CORS headers, so the browser hides the
 * response; Apollo's CSRF prevention still refuses the simple requests a browser sends without a preflight.
 */
export function createCors({ origins, allowHeaders = CORS_ALLOW_HEADERS, maxAgeSeconds = 600 }: CorsOptions): CorsHandler {
  const allowed = originMatcher(origins);
  const allowAnyOrigin = origins.includes('*');
  // Tenants' lists change rarely and repeat on every request: compile each distinct list once.
  const tenantMatchers = new Map<string, (origin: string) => boolean>();
  const tenantAllows = (list: readonly string[], origin: string) => {
    const key = list.join('\n');
    let match = tenantMatchers.get(key);
    if (!match) {
      if (tenantMatchers.size >= 1_000) tenantMatchers.clear();
      // A tenant cannot open the API to every origin: '*' in its list is ignored.
      match = originMatcher(list.filter((o) => o !== '*'));
      tenantMatchers.set(key, match);
    }
    return match(origin);
  };
  return (req, res, tenantOrigins) => {
    const origin = req.headers.origin;
    const preflight = req.method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined;
    res.appendHeader('vary', 'origin');
    if (!origin || !(allowed(origin) || (tenantOrigins?.length && tenantAllows(tenantOrigins, origin)))) {
      if (!preflight) return 'continue';
      const message = `Origin ${origin ?? '(none)'} is not allowed`;
      sendGraphQLError(res, new AppError('CORS_ORIGIN_NOT_ALLOWED', message));
      return 'preflight-answered';
    }
    res.setHeader('access-control-allow-origin', allowAnyOrigin ? '*' : origin);
    // Credentials with a wildcard origin are refused by browsers, so they are only offered to listed origins.
    if (!allowAnyOrigin) res.setHeader('access-control-allow-credentials', 'true');
    res.setHeader('access-control-expose-headers', 'x-request-id');
    if (!preflight) return 'continue';
    res.writeHead(204, {
      'access-control-allow-methods': 'GET, POST, OPTIONS',
      'access-control-allow-headers': allowHeaders.join(', '),
      'access-control-max-age': String(maxAgeSeconds),
    });
    res.end();
    return 'preflight-answered';
  };
}
