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
  SignJWT,
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

export function createContextTokenSigner(pair: ContextKeyPair, ttlSeconds = 60): ContextTokenSigner {
  return {
    sign: (p, audience) =>
      new SignJWT({
        ten: p.tenantId,
        plan: p.plan,
        roles: p.roles,
        scp: p.scopes,
        amr: p.authMethod,
        rid: p.requestId,
        flg: p.flags,
      })
        .setProtectedHeader({ alg: ALGORITHM, kid: pair.kid, typ: 'academy-ctx+jwt' })
        .setIssuer(CONTEXT_TOKEN_ISSUER)
        .setAudience(audience)
        .setSubject(p.subject ?? 'anonymous')
        .setIssuedAt()
        .setExpirationTime(`${ttlSeconds}s`)
        .sign(pair.privateKey),
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
