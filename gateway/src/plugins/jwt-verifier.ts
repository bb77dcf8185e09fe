import { createSecretKey, type KeyObject } from 'node:crypto';
import { AppError, type Logger } from '@academy/service-kit';
import { createRemoteJWKSet, decodeProtectedHeader, errors, type JWTPayload, type JWTVerifyOptions, jwtVerify } from 'jose';
import type { JwtAlgorithm } from '../environment';
import { AuthenticationFailure, type AuthenticationFailureReason } from './authentication-failure';
import { claimsOf, type JwtClaimNames, type VerifiedJwt } from './jwt-claims';

export interface JwtVerifierOptions {
  /** The allow-list; a token whose header names another `alg` is refused before any key is looked at. */
  algorithms: readonly JwtAlgorithm[];
  /** For HS256; null: HS256 tokens are refused. */
  hs256Secret: string | null;
  /** Key sets for the asymmetric algorithms. @default [] */
  jwksUrls?: readonly string[];
  /** Accepted `iss` values. @default not checked */
  issuer?: string[];
  /** Accepted `aud` values. @default not checked */
  audience?: string[];
  /** @default 30 */
  clockToleranceSeconds?: number;
  /** Least time between refetches caused by an unknown `kid`. @default 30 */
  jwksCooldownSeconds?: number;
  claims: JwtClaimNames;
  logger: Logger;
  /** Verified tokens remembered (until they expire, at most 5 min), since clients resend the same token. 0 turns it off. @default 10_000 */
  cacheSize?: number;
}

export interface JwtVerifier {
  verify(token: string): Promise<VerifiedJwt>;
}

function failure(error: unknown): AuthenticationFailure | undefined {
  const reasons: [new (...args: never[]) => Error, AuthenticationFailureReason, string][] = [
    [errors.JWTExpired, 'token_expired', 'The token has expired'],
    [errors.JOSEAlgNotAllowed, 'algorithm_not_allowed', 'The token’s algorithm is not accepted'],
    [errors.JWSSignatureVerificationFailed, 'bad_signature', 'The token’s signature is not valid'],
    [errors.JWKSNoMatchingKey, 'unknown_key', 'The token was signed with an unknown key'],
    [errors.JWKSMultipleMatchingKeys, 'unknown_key', 'The token does not name its key (kid)'],
  ];
  for (const [type, reason, message] of reasons) if (error instanceof type) return new AuthenticationFailure(reason, message);
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.reason === 'missing') return new AuthenticationFailure('invalid_claim', `The token lacks the "${error.claim}" claim`);
    const byClaim: Record<string, [AuthenticationFailureReason, string]> = {
      nbf: ['token_not_yet_valid', 'The token is not valid yet'],
      iss: ['wrong_issuer', 'The token comes from an issuer this API does not accept'],
      aud: ['wrong_audience', 'The token is meant for another audience'],
    };
    const [reason, message] = byClaim[error.claim] ?? ['invalid_claim', `The token’s "${error.claim}" claim is not valid`];
    return new AuthenticationFailure(reason, message);
  }
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid || error instanceof errors.JOSENotSupported) {
    return new AuthenticationFailure('malformed_token', 'The token is malformed');
  }
  return undefined;
}

/**
 * Verifies client JWTs with jose. HS256 and the asymmetric algorithms never share a path: the
 * header's `alg` picks either the secret or the JWKS, so a token "signed" with a public key as an
 * HMAC secret is checked against the HS256 secret and fails. `none` is not among the algorithms.
 */
export function createJwtVerifier(options: JwtVerifierOptions): JwtVerifier {
  const hmacKey: KeyObject | null = options.hs256Secret && options.algorithms.includes('HS256') ? createSecretKey(Buffer.from(options.hs256Secret, 'utf8')) : null;
  const asymmetric = options.algorithms.filter((alg) => alg !== 'HS256');
  const allowed = new Set<string>(hmacKey ? ['HS256', ...asymmetric] : asymmetric);
  const keySets = (options.jwksUrls ?? []).map((url) =>
    createRemoteJWKSet(new URL(url), { cooldownDuration: (options.jwksCooldownSeconds ?? 30) * 1000, timeoutDuration: 5_000 }),
  );
  const common: JWTVerifyOptions = {
    issuer: options.issuer?.length ? options.issuer : undefined,
    audience: options.audience?.length ? options.audience : undefined,
    clockTolerance: options.clockToleranceSeconds ?? 30,
    // A token without an expiry would be valid forever; one without a subject names nobody.
    requiredClaims: ['exp', 'sub'],
  };

  async function verifyWithKeySets(token: string): Promise<JWTPayload> {
    let unavailable: unknown;
    for (const keySet of keySets) {
      try {
        return (await jwtVerify(token, keySet, { ...common, algorithms: asymmetric })).payload;
      } catch (error) {
        if (error instanceof errors.JWKSNoMatchingKey) continue;
        if (failure(error)) throw error;
        // Timeouts, unreachable or invalid key sets: another set may still hold the key.
        unavailable = error;
      }
    }
    if (unavailable) {
      options.logger.error({ err: unavailable }, 'no JWKS could be fetched to verify a token');
      throw new AppError('AUTHENTICATION_UNAVAILABLE', 'The identity provider’s keys could not be fetched; retry shortly');
    }
    throw new errors.JWKSNoMatchingKey();
  }

  // Keyed by the exact token text, so any changed byte is a miss and is verified in full.
  const verified = new Map<string, { claims: VerifiedJwt; until: number }>();
  const cacheSize = options.cacheSize ?? 10_000;
  const remember = (token: string, claims: VerifiedJwt, exp: number | undefined) => {
    if (cacheSize === 0 || exp === undefined) return;
    if (verified.size >= cacheSize) verified.delete(verified.keys().next().value as string);
    // Shared by every request that sends the token: frozen, so none can alter another's principal.
    Object.freeze(claims.roles);
    Object.freeze(claims.scopes);
    verified.set(token, { claims: Object.freeze(claims), until: Math.min(exp * 1000, Date.now() + 300_000) });
  };

  return {
    async verify(token) {
      const hit = verified.get(token);
      if (hit && hit.until > Date.now()) return hit.claims;
      if (hit) verified.delete(token);
      let alg: string | undefined;
      try {
        alg = decodeProtectedHeader(token).alg;
      } catch {
        throw new AuthenticationFailure('malformed_token', 'The token is malformed');
      }
      if (!alg || !allowed.has(alg)) {
        throw new AuthenticationFailure('algorithm_not_allowed', `The token’s algorithm ${alg ?? '(none)'} is not accepted`);
      }
      try {
        const payload =
          alg === 'HS256'
            ? (await jwtVerify(token, hmacKey!, { ...common, algorithms: ['HS256'] })).payload
            : await verifyWithKeySets(token);
        const claims = claimsOf(payload, options.claims);
        remember(token, claims, payload.exp);
        return claims;
      } catch (error) {
        throw failure(error) ?? error;
      }
    },
  };
}
