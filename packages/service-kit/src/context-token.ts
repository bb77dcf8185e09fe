import { KeyObject, sign } from 'node:crypto';
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  exportJWK,
  exportPKCS8,
  exportSPKI,
  generateKeyPair,
  importPKCS8,
  importSPKI,
  type JWK,
  type JWTVerifyGetKey,
  jwtVerify,
  type KeyLike,
} from 'jose';

/**
 * Who is calling and for which tenant, as the gateway established it. Subgraphs learn this only
 * from the gateway's signed context token, never from client headers.
 */
export interface Principal {
  tenantId: string | null;
  plan: string | null;
  subject: string | null;
  roles: string[];
  scopes: string[];
  authMethod: 'anonymous' | 'jwt' | 'api_key' | 'hmac' | 'service';
  requestId: string;
  flags: string[];
}

export const CONTEXT_TOKEN_HEADER = 'x-academy-context';
export const CONTEXT_TOKEN_ISSUER = 'academy-gateway';
const ALGORITHM = 'ES256';

export interface ContextKeyPair {
  privateKey: KeyLike;
  publicKey: KeyLike;
  kid: string;
}

/** The embedded default's ephemeral key pair; production passes PEMs from config. */
export async function generateContextKeyPair(kid = `ctx-${Date.now().toString(36)}`): Promise<ContextKeyPair> {
  const { privateKey, publicKey } = await generateKeyPair(ALGORITHM, { extractable: true });
  return { privateKey, publicKey, kid };
}

export async function importContextKeyPair(privatePem: string, publicPem: string, kid: string): Promise<ContextKeyPair> {
  return { privateKey: await importPKCS8(privatePem, ALGORITHM), publicKey: await importSPKI(publicPem, ALGORITHM), kid };
}

export async function exportContextKeyPair(pair: ContextKeyPair): Promise<{ privatePem: string; publicPem: string }> {
  return { privatePem: await exportPKCS8(pair.privateKey), publicPem: await exportSPKI(pair.publicKey) };
}

/** The gateway's published key set (`/.well-known/jwks.json`). */
export async function publicJwks(pair: ContextKeyPair): Promise<{ keys: JWK[] }> {
  return { keys: [{ ...(await exportJWK(pair.publicKey)), kid: pair.kid, alg: ALGORITHM, use: 'sig' }] };
}

export interface ContextTokenSigner {
  sign(principal: Principal, audience: string): Promise<string>;
}

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

function privateKeyObject(pair: ContextKeyPair): KeyObject {
  const key = pair.privateKey as unknown;
  if (key instanceof KeyObject) return key;
  // jose hands out WebCrypto keys on some runtimes; Node converts them without exporting the secret.
  return KeyObject.from(key as Parameters<typeof KeyObject.from>[0]);
}

/**
 * Signs with a synchronous `crypto.sign`: jose signs through `promisify(crypto.sign)`, a trip through
 * libuv's thread pool that cost about three times the signature itself, and the gateway signs on
 * every subgraph call. The header never changes, so it is encoded once; jose still verifies.
 */
export function createContextTokenSigner(pair: ContextKeyPair, ttlSeconds = 60): ContextTokenSigner {
  const key = privateKeyObject(pair);
  const header = base64url({ alg: ALGORITHM, kid: pair.kid, typ: 'academy-ctx+jwt' });
  return {
    async sign(p, audience) {
      const iat = Math.floor(Date.now() / 1000);
      const payload = base64url({
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

export type ContextKeySource = { publicKey: KeyLike } | { publicPem: string } | { jwksUrl: string } | { jwks: { keys: JWK[] } };

async function keyResolver(source: ContextKeySource): Promise<KeyLike | JWTVerifyGetKey> {
  if ('publicKey' in source) return source.publicKey;
  if ('publicPem' in source) return importSPKI(source.publicPem, ALGORITHM);
  if ('jwks' in source) return createLocalJWKSet(source.jwks);
  return createRemoteJWKSet(new URL(source.jwksUrl), { cooldownDuration: 30_000, timeoutDuration: 2_000 });
}

export interface ContextTokenVerifier {
  /** Throws when the token is missing, expired, for another audience or signed by another key. */
  verify(token: string): Promise<Principal>;
}

export async function createContextTokenVerifier(source: ContextKeySource, audience: string): Promise<ContextTokenVerifier> {
  const key = await keyResolver(source);
  const options = { issuer: CONTEXT_TOKEN_ISSUER, audience, algorithms: [ALGORITHM], clockTolerance: 5 };
  return {
    async verify(token) {
      const { payload } = typeof key === 'function' ? await jwtVerify(token, key, options) : await jwtVerify(token, key, options);
      return {
        tenantId: (payload.ten as string | null) ?? null,
        plan: (payload.plan as string | null) ?? null,
        subject: payload.sub === 'anonymous' ? null : (payload.sub ?? null),
        roles: (payload.roles as string[]) ?? [],
        scopes: (payload.scp as string[]) ?? [],
        authMethod: (payload.amr as Principal['authMethod']) ?? 'anonymous',
        requestId: (payload.rid as string) ?? '',
        flags: (payload.flg as string[]) ?? [],
      };
    },
  };
}
