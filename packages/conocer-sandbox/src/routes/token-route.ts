import type { IncomingMessage } from 'node:http';
import type { SandboxState } from '../sandbox-state';
import type { Route, RouteResponse } from './route';

/** RFC 6749 §5.2 error responses (this endpoint speaks OAuth2, not the API's error shape). */
function oauthError(status: number, error: string, description: string, headers: Record<string, string> = {}): RouteResponse {
  return { status, body: { error, error_description: description }, headers: { 'cache-control': 'no-store', ...headers } };
}

/** Client authentication by HTTP Basic (preferred by RFC 6749 §2.3.1) or by body parameters. */
function clientCredentials(req: IncomingMessage, body: Record<string, unknown>): { id: string; secret: string } | null {
  const header = req.headers.authorization;
  if (header?.startsWith('Basic ')) {
    const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return null;
    return { id: decodeURIComponent(decoded.slice(0, colon)), secret: decodeURIComponent(decoded.slice(colon + 1)) };
  }
  return typeof body.client_id === 'string' && typeof body.client_secret === 'string' ? { id: body.client_id, secret: body.client_secret } : null;
}

export function tokenRoute(state: SandboxState): Route {
  return {
    method: 'POST',
    path: /^\/oauth\/token$/,
    access: 'client',
    operation: 'token',
    handle: ({ req, body }) => {
      if (body.grant_type !== 'client_credentials') return oauthError(400, 'unsupported_grant_type', 'Only grant_type=client_credentials is supported');
      const credentials = clientCredentials(req, body);
      const token = credentials && state.tokens.issue(credentials.id, credentials.secret);
      if (!token) return oauthError(401, 'invalid_client', 'Unknown client or wrong secret', { 'www-authenticate': 'Basic realm="conocer"' });
      return {
        status: 200,
        body: { access_token: token.accessToken, token_type: 'Bearer', expires_in: token.expiresInSeconds },
        headers: { 'cache-control': 'no-store' },
      };
    },
  };
}
