import { ConfigError } from '@academy/service-kit';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SUPERGRAPH_PATH, DEVELOPMENT_CORS_ORIGINS, gatewayEnvironmentSchema, loadGatewayEnvironment } from './environment';

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

  it('wants both context keys or neither', () => {
    expect(problemsOf({ CONTEXT_TOKEN_PRIVATE_KEY: PEMS.CONTEXT_TOKEN_PRIVATE_KEY })).toContain('CONTEXT_TOKEN_PUBLIC_KEY');
  });

  it('ignores unrelated *_FILE variables that point nowhere', () => {
    expect(() => loadGatewayEnvironment({ SOME_TOOL_CONFIG_FILE: '/nonexistent/file' })).not.toThrow();
  });

  it('exposes every variable name on the schema', () => {
    expect(Object.keys(gatewayEnvironmentSchema.shape).sort()).toEqual(
      [
        'CONTEXT_TOKEN_KID',
        'CONTEXT_TOKEN_PRIVATE_KEY',
        'CONTEXT_TOKEN_PUBLIC_KEY',
        'CORS_ORIGINS',
        'HOST',
        'INTROSPECTION',
        'LOG_LEVEL',
        'MAX_BODY_BYTES',
        'NODE_ENV',
        'PORT',
        'SUBGRAPH_TIMEOUT_MS',
        'SUBGRAPH_URLS',
        'SUPERGRAPH_PATH',
        'SUPERGRAPH_WATCH',
      ].sort(),
    );
  });
});
