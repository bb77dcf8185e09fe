import { ConfigError } from '@academy/service-kit';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SUPERGRAPH_PATH, DEVELOPMENT_CORS_ORIGINS, DEVELOPMENT_JWT_HS256_SECRET, gatewayEnvironmentSchema, loadGatewayEnvironment } from './environment';

const PEMS = {
  CONTEXT_TOKEN_PRIVATE_KEY: '-----BEGIN PRIVATE KEY-----\\nabc\\n-----END PRIVATE KEY-----',
  CONTEXT_TOKEN_PUBLIC_KEY: '-----BEGIN PUBLIC KEY-----\\nabc\\n-----END PUBLIC KEY-----',
};

function problemsOf(source: NodeJS.ProcessEnv): string {
  try {
    loadGatewayEnvironment(source);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.join('\n');
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadGatewayEnvironment', () => {
  it('has development defaults', () => {
    expect(loadGatewayEnvironment({})).toMatchObject({
      NODE_ENV: 'development',
      PORT: 4000,
      HOST: '0.0.0.0',
      SUPERGRAPH_PATH: DEFAULT_SUPERGRAPH_PATH,
      SUPERGRAPH_WATCH: true,
      INTROSPECTION: true,
      CORS_ORIGINS: DEVELOPMENT_CORS_ORIGINS,
      SUBGRAPH_URLS: {},
      MAX_BODY_BYTES: 2_000_000,
      SUBGRAPH_TIMEOUT_MS: 10_000,
      LIMITS_REDIS_FAILURE_POLICY: 'local',
      LIMITS_EXPECTED_REPLICAS: 1,
      LIMITS_REDIS_TIMEOUT_MS: 50,
      RESPONSE_CACHE: false,
      RESPONSE_CACHE_TIMEOUT_MS: 50,
    });
    expect(DEFAULT_SUPERGRAPH_PATH).toMatch(/\/schema\/supergraph\.graphql$/);
  });

  it('turns watch, introspection and CORS off in production unless asked', () => {
    expect(loadGatewayEnvironment({ NODE_ENV: 'production', ...PEMS })).toMatchObject({ SUPERGRAPH_WATCH: false, INTROSPECTION: false, CORS_ORIGINS: [] });
    expect(loadGatewayEnvironment({ NODE_ENV: 'production', ...PEMS, INTROSPECTION: 'true', CORS_ORIGINS: 'https://a.example, https://b.example' })).toMatchObject({
      INTROSPECTION: true,
      CORS_ORIGINS: ['https://a.example', 'https://b.example'],
    });
  });

  it('parses SUBGRAPH_URLS and unescapes PEM newlines', () => {
    const env = loadGatewayEnvironment({ SUBGRAPH_URLS: 'users=http://users:4001/graphql, reviews=http://r/graphql', ...PEMS });
    expect(env.SUBGRAPH_URLS).toEqual({ users: 'http://users:4001/graphql', reviews: 'http://r/graphql' });
    expect(env.CONTEXT_TOKEN_PRIVATE_KEY).toBe('-----BEGIN PRIVATE KEY-----\nabc\n-----END PRIVATE KEY-----');
  });

  it('reports every problem at once, including keys missing in production', () => {
    const problems = problemsOf({ NODE_ENV: 'production', PORT: 'x', SUBGRAPH_URLS: 'users', SUPERGRAPH_WATCH: 'yes' });
    for (const name of ['PORT', 'SUBGRAPH_URLS', 'SUPERGRAPH_WATCH', 'CONTEXT_TOKEN_PRIVATE_KEY', 'CONTEXT_TOKEN_PUBLIC_KEY']) expect(problems).toContain(name);
  });

  it('takes the limits’ Redis deadline in whole milliseconds above zero', () => {
    expect(loadGatewayEnvironment({ LIMITS_REDIS_TIMEOUT_MS: '250' }).LIMITS_REDIS_TIMEOUT_MS).toBe(250);
    expect(problemsOf({ LIMITS_REDIS_TIMEOUT_MS: '0' })).toContain('LIMITS_REDIS_TIMEOUT_MS');
  });

  it('runs one process unless GATEWAY_WORKERS says otherwise, and shares budgets through Redis when it does in multi-tenant mode', () => {
    expect(loadGatewayEnvironment({}).GATEWAY_WORKERS).toBe(1);
    expect(loadGatewayEnvironment({ GATEWAY_WORKERS: '2' }).GATEWAY_WORKERS).toBe(2);
    expect(loadGatewayEnvironment({ GATEWAY_WORKERS: '2', TENANCY_MODE: 'multi', REDIS_URL: 'redis://127.0.0.1:6379' }).GATEWAY_WORKERS).toBe(2);
    expect(problemsOf({ GATEWAY_WORKERS: '2', TENANCY_MODE: 'multi' })).toContain('GATEWAY_WORKERS: more than one worker in multi-tenant mode needs REDIS_URL');
    expect(problemsOf({ GATEWAY_WORKERS: '0' })).toContain('GATEWAY_WORKERS');
  });

  it('wants both context keys or neither', () => {
    expect(problemsOf({ CONTEXT_TOKEN_PRIVATE_KEY: PEMS.CONTEXT_TOKEN_PRIVATE_KEY })).toContain('CONTEXT_TOKEN_PUBLIC_KEY');
  });

  it('takes a context secret of at least 32 characters in place of the key pair, in production too', () => {
    const secret = 'gateway-context-secret-0123456789abcdef';
    expect(loadGatewayEnvironment({ NODE_ENV: 'production', CONTEXT_TOKEN_SECRET: secret }).CONTEXT_TOKEN_SECRET).toBe(secret);
    expect(problemsOf({ CONTEXT_TOKEN_SECRET: 'too-short' })).toContain('CONTEXT_TOKEN_SECRET');
  });

  it('ignores unrelated *_FILE variables that point nowhere', () => {
    expect(() => loadGatewayEnvironment({ SOME_TOOL_CONFIG_FILE: '/nonexistent/file' })).not.toThrow();
  });

  it('exposes every variable name on the schema', () => {
    expect(Object.keys(gatewayEnvironmentSchema.shape).sort()).toEqual(
      [
        'AMQP_URL',
        'API_KEY_CACHE_TTL_MS',
        'CONTEXT_TOKEN_KID',
        'CONTEXT_TOKEN_PRIVATE_KEY',
        'CONTEXT_TOKEN_PUBLIC_KEY',
        'CONTEXT_TOKEN_SECRET',
        'CORS_ORIGINS',
        'GATEWAY_HOSTNAMES',
        'GATEWAY_WORKERS',
        'HMAC_MAX_SKEW_SECONDS',
        'HMAC_NONCE_TTL_SECONDS',
        'LIMITS_REDIS_FAILURE_POLICY',
        'LIMITS_EXPECTED_REPLICAS',
        'LIMITS_LEASE_MS',
        'LIMITS_REDIS_TIMEOUT_MS',
        'HOST',
        'METRICS_TOKEN',
        'OTEL_EXPORTER_OTLP_ENDPOINT',
        'TRACE_SAMPLE_RATIO',
        'INTROSPECTION',
        'JWT_ALGORITHMS',
        'JWT_AUDIENCE',
        'JWT_CLOCK_TOLERANCE_SECONDS',
        'JWT_HS256_SECRET',
        'JWT_ISSUER',
        'JWT_JWKS_COOLDOWN_SECONDS',
        'JWT_JWKS_URLS',
        'JWT_ROLES_CLAIM',
        'JWT_SCOPE_CLAIM',
        'JWT_TENANT_CLAIM',
        'LOG_LEVEL',
        'HTTP_BATCH_MAX',
        'INFLIGHT_DEDUP',
        'COMPILED_EXECUTOR',
        'MAX_BODY_BYTES',
        'MAX_OPERATION_NAME_LENGTH',
        'PERSISTED_QUERY_TTL_MS',
        'NODE_ENV',
        'PORT',
        'REDIS_URL',
        'RESPONSE_CACHE',
        'RESPONSE_CACHE_TIMEOUT_MS',
        'SINGLE_TENANT_ID',
        'SUBGRAPH_BREAKER_FAILURES',
        'SUBGRAPH_BREAKER_HALF_OPEN_MS',
        'SUBGRAPH_MAX_RETRIES',
        'SUBGRAPH_RETRY_BUDGET',
        'SUBGRAPH_TIMEOUT_MS',
        'SUBGRAPH_TIMEOUTS_MS',
        'SUBGRAPH_TLS_CA',
        'SUBGRAPH_TLS_CERT',
        'SUBGRAPH_TLS_KEY',
        'SUBGRAPH_URLS',
        'SUPERGRAPH_PATH',
        'SUPERGRAPH_WATCH',
        'TENANCY_MODE',
        'TENANT_BASE_DOMAIN',
        'TENANT_CACHE_TTL_MS',
        'TENANT_NEGATIVE_CACHE_TTL_MS',
        'TENANT_STRATEGIES',
        'TRUSTED_DOCUMENTS_DIR',
      ].sort(),
    );
  });

  it('defaults to single-tenant mode with every tenant strategy, and HS256 with the development secret outside production', () => {
    expect(loadGatewayEnvironment({})).toMatchObject({
      TENANCY_MODE: 'single',
      TENANT_STRATEGIES: ['header', 'path', 'subdomain', 'domain'],
      JWT_HS256_SECRET: DEVELOPMENT_JWT_HS256_SECRET,
      JWT_ALGORITHMS: ['HS256'],
      JWT_CLOCK_TOLERANCE_SECONDS: 30,
      HMAC_MAX_SKEW_SECONDS: 300,
      HMAC_NONCE_TTL_SECONDS: 600,
    });
    expect(loadGatewayEnvironment({ JWT_JWKS_URLS: 'http://idp.example/jwks.json' }).JWT_ALGORITHMS).toEqual(['HS256', 'RS256', 'ES256', 'EdDSA']);
  });

  it('has no HS256 secret in production unless given, so only JWKS tokens are accepted there', () => {
    const env = loadGatewayEnvironment({ NODE_ENV: 'production', ...PEMS, JWT_JWKS_URLS: 'https://idp.example/jwks.json' });
    expect(env.JWT_HS256_SECRET).toBeNull();
    expect(env.JWT_ALGORITHMS).toEqual(['RS256', 'ES256', 'EdDSA']);
    expect(loadGatewayEnvironment({ NODE_ENV: 'production', ...PEMS }).JWT_ALGORITHMS).toEqual([]);
  });

  it('refuses `none`, unknown strategies, HS256 without a secret in production and a nonce memory shorter than the skew window', () => {
    const problems = problemsOf({
      NODE_ENV: 'production',
      ...PEMS,
      JWT_ALGORITHMS: 'HS256,none',
      TENANT_STRATEGIES: 'header,cookie',
      HMAC_MAX_SKEW_SECONDS: '400',
      SUBGRAPH_TLS_CERT: '-----BEGIN CERTIFICATE-----\\nabc\\n-----END CERTIFICATE-----',
    });
    for (const text of ['"none"', '"cookie"', 'HMAC_NONCE_TTL_SECONDS', 'SUBGRAPH_TLS_KEY']) expect(problems).toContain(text);
    expect(problemsOf({ NODE_ENV: 'production', ...PEMS, JWT_ALGORITHMS: 'HS256' })).toContain('HS256 needs JWT_HS256_SECRET');
    expect(problemsOf({ JWT_ALGORITHMS: 'RS256' })).toContain('asymmetric algorithms need JWT_JWKS_URLS');
  });
});
