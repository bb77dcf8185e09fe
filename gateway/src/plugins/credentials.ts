import type { IncomingHttpHeaders } from 'node:http';
import { AuthenticationFailure } from './authentication-failure';

/** What a request presents; at most one kind is accepted per request. */
export type Credential =
  | { kind: 'none' }
  | { kind: 'jwt'; token: string }
  | { kind: 'api_key'; keyId: string; secret: string }
  | { kind: 'hmac'; keyId: string; ts: number; nonce: string; signature: string };

export const API_KEY_PREFIX = 'acad_';
export const HMAC_SCHEME = 'ACAD-HMAC-SHA256';

/** `acad_<keyId>_<secret>`: keyId 12 base32 characters, secret 32 random bytes in base64url (43 characters). */
const API_KEY = /^acad_([a-z2-7]{12})_([A-Za-z0-9_-]{43})$/;
const HMAC_FIELDS = /^keyId=([a-z2-7]{12}),ts=(\d{1,12}),nonce=([A-Za-z0-9_-]{8,64}),signature=([0-9a-f]{64})$/;
const JWT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*$/;

function parseApiKey(value: string): Credential {
  const match = API_KEY.exec(value);
  if (!match) throw new AuthenticationFailure('invalid_api_key', 'The API key is malformed; expected acad_<keyId>_<secret>');
  return { kind: 'api_key', keyId: match[1], secret: match[2] };
}

function parseHmac(fields: string): Credential {
  const match = HMAC_FIELDS.exec(fields.replace(/\s*,\s*/g, ','));
  if (!match) {
    throw new AuthenticationFailure('malformed_credentials', `Malformed ${HMAC_SCHEME} header; expected keyId=<id>,ts=<unix seconds>,nonce=<8-64 chars>,signature=<hex>`);
  }
  return { kind: 'hmac', keyId: match[1], ts: Number(match[2]), nonce: match[3], signature: match[4] };
}

function parseAuthorization(value: string): Credential {
  const space = value.indexOf(' ');
  const scheme = space > 0 ? value.slice(0, space) : value;
  const rest = space > 0 ? value.slice(space + 1).trim() : '';
  if (scheme === HMAC_SCHEME) return parseHmac(rest);
  if (scheme.toLowerCase() !== 'bearer') throw new AuthenticationFailure('unsupported_scheme', `Unsupported Authorization scheme; use Bearer or ${HMAC_SCHEME}`);
  if (rest.startsWith(API_KEY_PREFIX)) return parseApiKey(rest);
  if (!JWT.test(rest)) throw new AuthenticationFailure('malformed_token', 'The bearer token is neither a JWT nor an API key');
  return { kind: 'jwt', token: rest };
}

/** Reads `Authorization` and `X-Api-Key`; malformed or conflicting credentials throw. */
export function credentialOf(headers: IncomingHttpHeaders): Credential {
  const authorization = headers.authorization?.trim();
  const apiKey = headers['x-api-key'];
  const apiKeyValue = (Array.isArray(apiKey) ? apiKey.join(',') : apiKey)?.trim();
  if (authorization && apiKeyValue) throw new AuthenticationFailure('multiple_credentials', 'Send either Authorization or X-Api-Key, not both');
  if (apiKeyValue) return parseApiKey(apiKeyValue);
  if (authorization) return parseAuthorization(authorization);
  return { kind: 'none' };
}
