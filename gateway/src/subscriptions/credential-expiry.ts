import type { IncomingHttpHeaders } from 'node:http';
import { decodeJwt } from 'jose';
import { credentialOf } from '../plugins/credentials';

/**
 * When the request's bearer JWT expires (epoch ms), so a subscription can end then; null for other
 * credentials. Read after authentication has verified the token, so decoding it again is safe.
 */
export function credentialExpiryOf(headers: IncomingHttpHeaders): number | null {
  try {
    const credential = credentialOf(headers);
    if (credential.kind !== 'jwt') return null;
    const { exp } = decodeJwt(credential.token);
    return typeof exp === 'number' ? exp * 1000 : null;
  } catch {
    return null;
  }
}
