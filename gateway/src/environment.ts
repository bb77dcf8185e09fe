import { resolve } from 'node:path';
import { CONTEXT_SECRET_MIN_BYTES, commonEnvironment, env, parseEnvironment } from '@academy/service-kit';
import { z } from 'zod';
import { commaList, commaListOf, hostname, nonNegativeInt, optionalBool, pem, positiveInt, subgraphNumbers, subgraphUrls } from './environment-shapes';

/** The repository's composed supergraph, found relative to this package (src/ and dist/ sit at the same depth). */
export const DEFAULT_SUPERGRAPH_PATH = resolve(__dirname, '..', '..', 'schema', 'supergraph.graphql');

/** Sandbox's origin, plus every localhost origin, is what a developer's browser sends. */
export const DEVELOPMENT_CORS_ORIGINS = [
  'https://studio.apollographql.com',
  'http://localhost:*',
  'https://localhost:*',
  'http://127.0.0.1:*',
  'http://[::1]:*',
];

/**
 * Signs and verifies HS256 tokens outside production when JWT_HS256_SECRET is unset, so the embedded
 * default and `npm run dev:token` work out of the box. It is public: production has no default.
 */
export const DEVELOPMENT_JWT_HS256_SECRET = 'academy-development-only-hs256-secret-not-for-production';

export const TENANT_STRATEGIES = ['header', 'path', 'subdomain', 'domain'] as const;
export type TenantStrategy = (typeof TENANT_STRATEGIES)[number];

/** `none` is not among them on purpose; HS256 is the only symmetric one (JWT_HS256_SECRET). */
export const JWT_ALGORITHMS = ['HS256', 'RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'] as const;
export type JwtAlgorithm = (typeof JWT_ALGORITHMS)[number];

/**
 * Every variable the gateway reads. Variables whose default depends on NODE_ENV or on other
 * variables are optional here and resolved by `loadGatewayEnvironment`, so this stays a plain
 * object schema whose `.shape` lists every variable name.
 */
export const gatewayEnvironmentSchema = commonEnvironment
  .extend({
    PORT: env.port(4000),
    GATEWAY_WORKERS: z.coerce
      .number()
      .int()
      .min(1)
      .max(64)
      .default(1)
      .describe(
        'Gateway processes (node:cluster) sharing the port, e.g. one per core. Each keeps its own caches and metrics (a /metrics scrape reaches one of them: scrape replicas, not workers, where per-process totals matter); multi-tenant mode then needs REDIS_URL so budgets and limits stay shared.',
      ),
    SUPERGRAPH_PATH: z.string().default(DEFAULT_SUPERGRAPH_PATH).describe('The composed supergraph SDL the gateway serves.'),
    /** @default true outside production */
    SUPERGRAPH_WATCH: optionalBool().describe('Reload the supergraph file when it changes. Default: true outside production.'),
    SUBGRAPH_URLS: subgraphUrls.optional().describe('`name=url` pairs (comma list) that override the routing URLs in the supergraph.'),
    /** @default true outside production */
    INTROSPECTION: optionalBool().describe('Answer introspection queries. Default: true outside production.'),
    /** Exact origins or patterns with `*` (`http://localhost:*`). @default Sandbox + localhost outside production, none in production */
    CORS_ORIGINS: commaList.optional().describe('Browser origins allowed for every tenant: exact, or patterns with `*`. Default: Sandbox and localhost outside production, none in production.'),
    INFLIGHT_DEDUP: optionalBool().describe('Run identical queries of the same caller that are in flight at once only once (never mutations, never across tenants or callers). Default: true.'),
    COMPILED_EXECUTOR: optionalBool().describe('Run queries and mutations with the gateway\u2019s compiled executor (plans and response shapers cached per document; same responses as Apollo\u2019s executor, which still runs introspection and `@defer`). `false` runs everything with Apollo\u2019s. Default: true.'),
    TRUSTED_DOCUMENTS_DIR: z.string().min(1).optional().describe('Directory of trusted document manifests, `<tenant-slug>.json` in Apollo\u2019s persisted query manifest format; a tenant with the `trusted-documents-only` flag runs nothing else.'),
    PERSISTED_QUERY_TTL_MS: positiveInt(86_400_000).describe('How long an automatic persisted query stays registered (per tenant, in Redis when REDIS_URL is set).'),
    RESPONSE_CACHE: optionalBool()
      .transform((v) => v ?? false)
      .describe('Cache whole query responses per tenant as the subgraphs\u2019 cache hints allow (Redis when REDIS_URL is set, else in-process), invalidated by domain events. A tenant with the `response-cache-off` flag is never cached. Default: false.'),
    RESPONSE_CACHE_TIMEOUT_MS: positiveInt(50).describe('A response cache lookup or write slower than this is abandoned; the request is answered without the cache.'),
    MAX_OPERATION_NAME_LENGTH: positiveInt(200).describe('Longer `operationName`s are refused with 400 BAD_REQUEST.'),
    HTTP_BATCH_MAX: nonNegativeInt(0).describe('Operations allowed in one batched HTTP request (a JSON array); 0 turns batching off. Each operation is limited and counted on its own.'),
    MAX_BODY_BYTES: z.coerce.number().int().positive().default(2_000_000).describe('Larger request bodies are refused with 413.'),
    CONTEXT_TOKEN_PRIVATE_KEY: pem('PRIVATE KEY').optional().describe('ES256 key (PKCS#8 PEM) that signs the context token of every subgraph call. Required in production unless CONTEXT_TOKEN_SECRET is set.'),
    CONTEXT_TOKEN_PUBLIC_KEY: pem('PUBLIC KEY').optional().describe('Its public half (SPKI PEM), published at /.well-known/jwks.json. Required in production unless CONTEXT_TOKEN_SECRET is set.'),
    CONTEXT_TOKEN_SECRET: z
      .string()
      .min(CONTEXT_SECRET_MIN_BYTES)
      .optional()
      .describe(
        'Sign context tokens with HMAC-SHA256 (HS256) instead of ES256, under a key of each subgraph’s own derived from this secret (at least 32 characters); each subgraph is given only its key (`npm run context-key -- <subgraph>`, its CONTEXT_TOKEN_KEY). Cheaper for the gateway and far cheaper for subgraphs, but a leaked subgraph key lets its holder call that subgraph as anyone. The JWKS endpoint then publishes no key.',
      ),
    /** @default the key's JWK thumbprint, so replicas sharing a key agree without configuration */
    CONTEXT_TOKEN_KID: z.string().min(1).optional().describe('Key id of the context key. Default: its JWK thumbprint.'),
    SUBGRAPH_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000).describe('A subgraph call (and a tenancy lookup, capped at 5 s) gives up after this long.'),
    SUBGRAPH_TIMEOUTS_MS: subgraphNumbers.optional().describe('Per-subgraph timeouts over SUBGRAPH_TIMEOUT_MS, as `name=ms` pairs (comma list), e.g. `conocer=3000`.'),
    SUBGRAPH_MAX_RETRIES: nonNegativeInt(1).describe('Extra attempts for a subgraph query (never a mutation) that failed to connect or answered 5xx; timeouts are not retried.'),
    SUBGRAPH_RETRY_BUDGET: z.coerce.number().min(0).max(1).default(0.1).describe('Retries per subgraph as a share of its calls over the last 10 s (at least 1 per second), so retries cannot multiply the load on a failing subgraph.'),
    SUBGRAPH_BREAKER_FAILURES: positiveInt(5).describe('Consecutive failures (unreachable, timeout, 5xx) that open a subgraph\u2019s circuit: its calls then fail at once with DOWNSTREAM_SERVICE_ERROR.'),
    SUBGRAPH_BREAKER_HALF_OPEN_MS: positiveInt(10_000).describe('How long an open circuit waits before letting one call probe the subgraph.'),
    SUBGRAPH_TLS_CA: pem('CERTIFICATE').optional().describe('CA (PEM) that subgraph server certificates must chain to; set it to call subgraphs over HTTPS with a private CA.'),
    SUBGRAPH_TLS_CERT: pem('CERTIFICATE').optional().describe('Client certificate (PEM) the gateway presents to subgraphs (mTLS); with SUBGRAPH_TLS_KEY.'),
    SUBGRAPH_TLS_KEY: pem('ANY PRIVATE KEY').optional().describe('Private key (PEM) of SUBGRAPH_TLS_CERT.'),

    TENANCY_MODE: z.enum(['single', 'multi']).default('single').describe('`multi`: resolve a tenant per request through the tenancy subgraph; `single`: no tenant lookups (any supergraph).'),
    SINGLE_TENANT_ID: z.string().min(1).optional().describe('Single mode: the tenant id every principal carries. Unset: none (a token\u2019s tenant claim passes through).'),
    TENANT_STRATEGIES: commaListOf(TENANT_STRATEGIES).default([...TENANT_STRATEGIES]).describe('Multi mode: how a request names its tenant (comma list of header, path, subdomain, domain), tried in order; the first that yields a candidate decides. Default: all four, in that order.'),
    TENANT_BASE_DOMAIN: hostname().optional().describe('Multi mode: `<slug>.<TENANT_BASE_DOMAIN>` names a tenant (subdomain strategy, off when unset).'),
    GATEWAY_HOSTNAMES: commaList.optional().describe('Host names that are the gateway itself, never a tenant\u2019s custom domain (localhost, IPs and single-label hosts always are).'),
    TENANT_CACHE_TTL_MS: positiveInt(30_000).describe('How long a tenant lookup is served from cache (memory and the shared store); changes also invalidate it by event.'),
    TENANT_NEGATIVE_CACHE_TTL_MS: positiveInt(5_000).describe('How long an unknown tenant, domain or API key stays unknown without asking tenancy again.'),
    API_KEY_CACHE_TTL_MS: positiveInt(30_000).describe('How long an API key lookup is served from this process\u2019s memory (never the shared store: it holds secrets).'),
    REDIS_URL: z.string().regex(/^rediss?:\/\//, 'must be a redis:// URL').optional().describe('Shared tenant cache and HMAC nonces across replicas (multi mode). Unset: in-process.'),
    AMQP_URL: z.string().regex(/^amqps?:\/\//, 'must be an amqp:// URL').optional().describe('Event bus for cache invalidation and audit events (multi mode). Unset: in-process.'),

    JWT_HS256_SECRET: z.string().min(32).optional().describe('Secret for HS256 tokens (at least 32 characters). Outside production a public development default applies.'),
    JWT_JWKS_URLS: commaList.pipe(z.array(z.url())).optional().describe('Identity providers\u2019 JWKS URLs for RS*/PS*/ES*/EdDSA tokens; unknown key ids trigger a refetch (key rotation).'),
    JWT_ISSUER: commaList.optional().describe('Accepted `iss` values (comma list). Unset: not checked.'),
    JWT_AUDIENCE: commaList.optional().describe('Accepted `aud` values (comma list). Unset: not checked.'),
    JWT_ALGORITHMS: commaListOf(JWT_ALGORITHMS).optional().describe('Allowed `alg`s. Default: HS256 when a secret applies, plus RS256, ES256, EdDSA when JWKS URLs are set.'),
    JWT_CLOCK_TOLERANCE_SECONDS: nonNegativeInt(30).describe('Leeway for `exp` and `nbf`.'),
    JWT_JWKS_COOLDOWN_SECONDS: nonNegativeInt(30).describe('Least time between two JWKS refetches caused by unknown key ids.'),
    JWT_TENANT_CLAIM: z.string().min(1).default('tenant').describe('Claim holding the tenant id or slug.'),
    JWT_ROLES_CLAIM: z.string().min(1).default('roles').describe('Claim holding the roles (array or space-separated).'),
    JWT_SCOPE_CLAIM: z.string().min(1).default('scope').describe('Claim holding the scopes (space-separated or array).'),
    HMAC_MAX_SKEW_SECONDS: positiveInt(300).describe('Signed requests whose `ts` is further from the gateway\u2019s clock are refused.'),
    HMAC_NONCE_TTL_SECONDS: positiveInt(600).describe('How long a used (keyId, nonce) is remembered; must exceed twice the skew.'),
    LIMITS_REDIS_FAILURE_POLICY: z
      .enum(['local', 'fail-open', 'fail-closed'])
      .default('local')
      .describe('What cost and rate limits do when Redis does not answer in time: a local budget (capacity ÷ LIMITS_EXPECTED_REPLICAS), admit, or refuse.'),
    LIMITS_EXPECTED_REPLICAS: positiveInt(1).describe('Gateway replicas sharing the Redis budgets; the local fallback budget is divided by it.'),
    LIMITS_REDIS_TIMEOUT_MS: positiveInt(50).describe(
      'How long a cost or rate decision waits for Redis before LIMITS_REDIS_FAILURE_POLICY decides instead. A lost connection fails at once; this bounds a connected Redis that does not answer.',
    ),
    LIMITS_LEASE_MS: nonNegativeInt(100).describe(
      'With Redis, a replica reserves, in the admission script, the requests and cost points a busy tenant and caller are expected to use in half this many ms (at most 1/8 of each limit ÷ LIMITS_EXPECTED_REPLICAS), admits them without a round trip, and gives back what is unused within twice this. Nothing is ever admitted beyond the shared limits. 0 decides every request in Redis.',
    ),
  })
  // Refinements run even when other variables failed (`when`), so every problem is reported at once.
  .refine((v) => v.NODE_ENV !== 'production' || v.CONTEXT_TOKEN_PRIVATE_KEY !== undefined || v.CONTEXT_TOKEN_SECRET !== undefined, {
    path: ['CONTEXT_TOKEN_PRIVATE_KEY'],
    // Ephemeral keys would differ per replica and per restart, and separate subgraphs could not follow them.
    message: 'required in production (or CONTEXT_TOKEN_SECRET)',
    when: () => true,
  })
  .refine((v) => v.NODE_ENV !== 'production' || v.CONTEXT_TOKEN_PUBLIC_KEY !== undefined || v.CONTEXT_TOKEN_SECRET !== undefined, {
    path: ['CONTEXT_TOKEN_PUBLIC_KEY'],
    message: 'required in production (or CONTEXT_TOKEN_SECRET)',
    when: () => true,
  })
  .refine((v) => v.NODE_ENV === 'production' || (v.CONTEXT_TOKEN_PRIVATE_KEY === undefined) === (v.CONTEXT_TOKEN_PUBLIC_KEY === undefined), {
    path: ['CONTEXT_TOKEN_PUBLIC_KEY'],
    message: 'set CONTEXT_TOKEN_PRIVATE_KEY and CONTEXT_TOKEN_PUBLIC_KEY together, or neither',
    when: () => true,
  })
  .refine((v) => (v.SUBGRAPH_TLS_CERT === undefined) === (v.SUBGRAPH_TLS_KEY === undefined), {
    path: ['SUBGRAPH_TLS_KEY'],
    message: 'set SUBGRAPH_TLS_CERT and SUBGRAPH_TLS_KEY together, or neither',
    when: () => true,
  })
  .refine((v) => !v.JWT_ALGORITHMS?.includes('HS256') || v.JWT_HS256_SECRET !== undefined || v.NODE_ENV !== 'production', {
    path: ['JWT_ALGORITHMS'],
    message: 'HS256 needs JWT_HS256_SECRET in production',
    when: () => true,
  })
  .refine((v) => !v.JWT_ALGORITHMS?.some((alg) => alg !== 'HS256') || (v.JWT_JWKS_URLS?.length ?? 0) > 0, {
    path: ['JWT_ALGORITHMS'],
    message: 'asymmetric algorithms need JWT_JWKS_URLS',
    when: () => true,
  })
  .refine((v) => (v.GATEWAY_WORKERS ?? 1) === 1 || v.TENANCY_MODE !== 'multi' || v.REDIS_URL !== undefined, {
    path: ['GATEWAY_WORKERS'],
    // In memory, every worker would hold a tenant's whole cost budget and rate window: N times the plan.
    message: 'more than one worker in multi-tenant mode needs REDIS_URL (shared budgets and limits)',
    when: () => true,
  })
  .refine((v) => (v.HMAC_NONCE_TTL_SECONDS ?? 600) >= 2 * (v.HMAC_MAX_SKEW_SECONDS ?? 300), {
    path: ['HMAC_NONCE_TTL_SECONDS'],
    // A nonce forgotten while its timestamp is still acceptable could be replayed.
    message: 'must be at least twice HMAC_MAX_SKEW_SECONDS',
    when: () => true,
  });

type ParsedEnvironment = z.infer<typeof gatewayEnvironmentSchema>;
type Resolved = 'SUPERGRAPH_WATCH' | 'INTROSPECTION' | 'CORS_ORIGINS' | 'SUBGRAPH_URLS' | 'JWT_HS256_SECRET' | 'JWT_ALGORITHMS' | 'JWT_JWKS_URLS' | 'GATEWAY_HOSTNAMES';

export type GatewayEnvironment = Omit<ParsedEnvironment, Resolved> & {
  SUPERGRAPH_WATCH: boolean;
  INTROSPECTION: boolean;
  CORS_ORIGINS: string[];
  SUBGRAPH_URLS: Record<string, string>;
  /** null: HS256 tokens are not accepted. */
  JWT_HS256_SECRET: string | null;
  JWT_ALGORITHMS: JwtAlgorithm[];
  JWT_JWKS_URLS: string[];
  GATEWAY_HOSTNAMES: string[];
};

/** Throws `ConfigError` listing every problem; `main` turns that into exit 1. */
export function loadGatewayEnvironment(source: NodeJS.ProcessEnv = process.env): GatewayEnvironment {
  // Only the gateway's own variables: the service kit reads every `X_FILE`, and unrelated ones
  // (TF_CLI_CONFIG_FILE, …) may point at files that do not exist.
  const names = Object.keys(gatewayEnvironmentSchema.shape).flatMap((name) => [name, `${name}_FILE`]);
  const own = Object.fromEntries(names.filter((name) => source[name] !== undefined).map((name) => [name, source[name]]));
  const parsed = parseEnvironment('gateway', gatewayEnvironmentSchema, own);
  const production = parsed.NODE_ENV === 'production';
  const secret = parsed.JWT_HS256_SECRET ?? (production ? null : DEVELOPMENT_JWT_HS256_SECRET);
  const jwksUrls = parsed.JWT_JWKS_URLS ?? [];
  const defaultAlgorithms: JwtAlgorithm[] = [...(secret ? (['HS256'] as const) : []), ...(jwksUrls.length ? (['RS256', 'ES256', 'EdDSA'] as const) : [])];
  return {
    ...parsed,
    SUPERGRAPH_WATCH: parsed.SUPERGRAPH_WATCH ?? !production,
    INTROSPECTION: parsed.INTROSPECTION ?? !production,
    CORS_ORIGINS: parsed.CORS_ORIGINS ?? (production ? [] : DEVELOPMENT_CORS_ORIGINS),
    SUBGRAPH_URLS: parsed.SUBGRAPH_URLS ?? {},
    JWT_HS256_SECRET: secret,
    JWT_ALGORITHMS: parsed.JWT_ALGORITHMS ?? defaultAlgorithms,
    JWT_JWKS_URLS: jwksUrls,
    GATEWAY_HOSTNAMES: (parsed.GATEWAY_HOSTNAMES ?? []).map((h) => h.toLowerCase()),
  };
}

const DEV_TOKEN_VARIABLES = ['NODE_ENV', 'JWT_HS256_SECRET', 'JWT_ISSUER', 'JWT_AUDIENCE', 'JWT_TENANT_CLAIM', 'JWT_ROLES_CLAIM', 'JWT_SCOPE_CLAIM'] as const;

/** What `npm run dev:token` needs, without requiring the rest of a production configuration. */
export function loadDevTokenEnvironment(source: NodeJS.ProcessEnv = process.env) {
  const shape = gatewayEnvironmentSchema.shape;
  const schema = z.object(Object.fromEntries(DEV_TOKEN_VARIABLES.map((name) => [name, shape[name]])) as Pick<typeof shape, (typeof DEV_TOKEN_VARIABLES)[number]>);
  const own = Object.fromEntries(DEV_TOKEN_VARIABLES.flatMap((name) => [name, `${name}_FILE`]).filter((name) => source[name] !== undefined).map((name) => [name, source[name]]));
  const parsed = parseEnvironment('dev:token', schema, own);
  return { ...parsed, JWT_HS256_SECRET: parsed.JWT_HS256_SECRET ?? (parsed.NODE_ENV === 'production' ? null : DEVELOPMENT_JWT_HS256_SECRET) };
}

/** What `npm run context-key` reads: only the gateway's context secret. */
export function loadContextKeyEnvironment(source: NodeJS.ProcessEnv = process.env) {
  const schema = z.object({ CONTEXT_TOKEN_SECRET: gatewayEnvironmentSchema.shape.CONTEXT_TOKEN_SECRET });
  const own = Object.fromEntries(['CONTEXT_TOKEN_SECRET', 'CONTEXT_TOKEN_SECRET_FILE'].filter((name) => source[name] !== undefined).map((name) => [name, source[name]]));
  return parseEnvironment('context-key', schema, own);
}
