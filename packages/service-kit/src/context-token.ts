import { createHmac, hkdfSync, KeyObject, sign } from 'node:crypto';
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
/** With a shared secret: HMAC-SHA256, under a key of each subgraph's own (`contextAudienceKey`). */
const MAC_ALGORITHM = 'HS256';
const TOKEN_TYPE = 'academy-ctx+jwt';
/** Shortest gateway secret accepted: the key length of HMAC-SHA256. */
export const CONTEXT_SECRET_MIN_BYTES = 32;

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

/** The claims of a context token, with the header already encoded: what every algorithm signs. */
function signingInput(header: string, p: Principal, audience: string, ttlSeconds: number): string {
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
  return `${header}.${payload}`;
}

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
  const header = base64url({ alg: ALGORITHM, kid: pair.kid, typ: TOKEN_TYPE });
  return {
    async sign(p, audience) {
      const input = signingInput(header, p, audience, ttlSeconds);
      // ieee-p1363: JWS wants r‖s, not the DER encoding OpenSSL produces by default.
      const signature = sign('sha256', Buffer.from(input), { key, dsaEncoding: 'ieee-p1363' }).toString('base64url');
      return `${input}.${signature}`;
    },
  };
}

/**
 * The key one subgraph verifies its context tokens with when the gateway signs with a shared secret:
 * HKDF-SHA256 of the gateway's secret for that subgraph's name. A subgraph holds only its own key, so
 * it can neither sign for another subgraph nor learn the secret; the gateway derives every key from it.
 */
export function contextAudienceKey(secret: string | Uint8Array, audience: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, 'academy-context-token', audience, 32));
}

/**
 * Signs with HMAC-SHA256 under each audience's own key (`contextAudienceKey`), for deployments that
 * give every subgraph its key instead of the gateway's public key. Far cheaper than ES256 to sign on the
 * gateway and to verify on the subgraph; the price is that a subgraph's key, if it leaks, lets its
 * holder call that subgraph as anyone (an ES256 public key lets nobody).
 */
export function createContextTokenMacSigner(secret: string | Uint8Array, ttlSeconds = 60): ContextTokenSigner {
  if (Buffer.byteLength(secret) < CONTEXT_SECRET_MIN_BYTES) throw new RangeError(`the context token secret needs at least ${CONTEXT_SECRET_MIN_BYTES} bytes`);
  const header = base64url({ alg: MAC_ALGORITHM, typ: TOKEN_TYPE });
  const keys = new Map<string, Buffer>();
  return {
    async sign(p, audience) {
      let key = keys.get(audience);
      if (!key) {
        key = contextAudienceKey(secret, audience);
        keys.set(audience, key);
      }
      const input = signingInput(header, p, audience, ttlSeconds);
      return `${input}.${createHmac('sha256', key).update(input).digest('base64url')}`;
    },
  };
}

/** Where a subgraph finds what verifies its tokens: the gateway's public key (ES256), or its own key (HS256, `audienceKey`). */
export type ContextKeySource = { publicKey: KeyLike } | { publicPem: string } | { jwksUrl: string } | { jwks: { keys: JWK[] } } | { audienceKey: Uint8Array };

/** How one deployment keys its context tokens: the ES256 pair, unless a shared secret is set (HS256, a key per subgraph). */
export interface ContextKeying {
  pair: ContextKeyPair;
  secret?: string;
}

/** The gateway's signer for that keying. */
export function contextTokenSignerFor({ pair, secret }: ContextKeying, ttlSeconds?: number): ContextTokenSigner {
  return secret ? createContextTokenMacSigner(secret, ttlSeconds) : createContextTokenSigner(pair, ttlSeconds);
}

/** What the subgraph named `audience` verifies with, for that keying, when it runs beside the gateway (one process, or a test). */
export function contextKeySourceFor({ pair, secret }: ContextKeying, audience: string): ContextKeySource {
  return secret ? { audienceKey: contextAudienceKey(secret, audience) } : { publicKey: pair.publicKey };
}

async function keyResolver(source: ContextKeySource): Promise<KeyLike | Uint8Array | JWTVerifyGetKey> {
  if ('audienceKey' in source) return source.audienceKey;
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
  // One algorithm per source: an HS256 token never meets a public key, nor an ES256 token a subgraph's secret.
  const options = { issuer: CONTEXT_TOKEN_ISSUER, audience, algorithms: ['audienceKey' in source ? MAC_ALGORITHM : ALGORITHM], clockTolerance: 5 };
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
