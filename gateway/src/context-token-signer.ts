import { KeyObject, sign } from 'node:crypto';
import { CONTEXT_TOKEN_ISSUER, type ContextKeyPair, type ContextTokenSigner } from '@academy/service-kit';

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

function privateKeyObject(pair: ContextKeyPair): KeyObject {
  const key = pair.privateKey as unknown;
  if (key instanceof KeyObject) return key;
  // jose hands out WebCrypto keys on some runtimes; Node converts them without exporting the secret.
  return KeyObject.from(key as Parameters<typeof KeyObject.from>[0]);
}

/**
 * The service kit's context token (same header, claims and ES256 signature, verified by the same
 * `createContextTokenVerifier`), signed with a synchronous `crypto.sign`. jose signs through
 * `promisify(crypto.sign)`, a trip through libuv's thread pool that cost about three times the
 * signature itself on every subgraph call; this is the gateway's hot path. The header never
 * changes, so it is encoded once.
 */
export function createSyncContextTokenSigner(pair: ContextKeyPair, ttlSeconds = 60): ContextTokenSigner {
  const key = privateKeyObject(pair);
  const header = b64({ alg: 'ES256', kid: pair.kid, typ: 'academy-ctx+jwt' });
  return {
    async sign(p, audience) {
      const iat = Math.floor(Date.now() / 1000);
      const payload = b64({
        ten: p.tenantId,
        plan: p.plan,
        roles: p.roles,
        scp: p.scopes,
        amr: p.authMethod,
        rid: p.requestId,
        flg: p.flags,
        iss: CONTEXT_TOKEN_ISSUER,
        aud: audience,
        sub: p.subject ?? 'anonymous',
        iat,
        exp: iat + ttlSeconds,
      });
      const input = `${header}.${payload}`;
      // ieee-p1363: JWS wants r‖s, not the DER encoding OpenSSL produces by default.
      const signature = sign('sha256', Buffer.from(input), { key, dsaEncoding: 'ieee-p1363' }).toString('base64url');
      return `${input}.${signature}`;
    },
  };
}
