import { createServer, type Server } from 'node:http';
import { AppError, createContextTokenVerifier } from '@academy/service-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CORS_ALLOW_HEADERS, type Gateway } from '../src';
import { createFixture, type Fixture } from './support/gateways';
import { freePort, post } from './support/http';

const CROSS_SUBGRAPH = '{ users { id name reviews { body } } }';

let fixture: Fixture;
let dev: Gateway & { logs: Record<string, unknown>[] };
let prod: Gateway & { logs: Record<string, unknown>[] };

beforeAll(async () => {
  fixture = await createFixture();
  dev = await fixture.start({ NODE_ENV: 'development', MAX_BODY_BYTES: '10000' });
  prod = await fixture.start(
    { NODE_ENV: 'production', MAX_BODY_BYTES: '10000', CONTEXT_TOKEN_PRIVATE_KEY: fixture.pems.privatePem, CONTEXT_TOKEN_PUBLIC_KEY: fixture.pems.publicPem },
    {
      contextKeys: undefined, // loaded from the PEMs, as in a deployment
      resolvePrincipal: async (req, requestId) => {
        if (req.headers['x-test-explode']) throw new Error('database password is hunter2');
        if (req.headers['x-test-deny']) throw new AppError('UNAUTHENTICATED', 'The API key is not valid');
        return { tenantId: null, plan: null, subject: null, roles: [], scopes: [], authMethod: 'anonymous', requestId, flags: [] };
      },
    },
  );
});

afterAll(() => fixture?.close());

describe('federation', () => {
  it('resolves a query across both subgraphs', async () => {
    for (const gateway of [dev, prod]) {
      const reply = await post(gateway.graphqlUrl, { query: CROSS_SUBGRAPH });
      expect(reply.status).toBe(200);
      expect(reply.json).toEqual({
        data: {
          users: [
            { id: 'u1', name: 'Ana', reviews: [{ body: 'Review of u1' }] },
            { id: 'u2', name: 'Luis', reviews: [{ body: 'Review of u2' }] },
          ],
        },
      });
    }
  });

  it('answers the same with COMPILED_EXECUTOR=false (everything on Apollo executor), errors included', async () => {
    const apolloOnly = await fixture.start({ NODE_ENV: 'development', COMPILED_EXECUTOR: 'false' });
    for (const query of [CROSS_SUBGRAPH, '{ users { id } forbidden }']) {
      const [ours, theirs] = [await post(dev.graphqlUrl, { query }), await post(apolloOnly.graphqlUrl, { query })];
      expect(theirs.status).toBe(ours.status);
      // Development answers carry stack traces, which name each executor's own frames.
      const withoutStacks = (json: unknown) => JSON.parse(JSON.stringify(json, (key, value) => (key === 'stacktrace' ? undefined : value)));
      expect(withoutStacks(theirs.json)).toEqual(withoutStacks(ours.json));
    }
  });

  it('sends every subgraph a context token for its own audience, verifiable through the published JWKS', async () => {
    const { users, reviews } = fixture.subgraphs;
    users.calls.length = 0;
    reviews.calls.length = 0;
    const reply = await post(dev.graphqlUrl, { query: CROSS_SUBGRAPH }, { 'x-request-id': 'req-tokens-1' });
    expect(reply.headers.get('x-request-id')).toBe('req-tokens-1');
    for (const subgraph of [users, reviews]) {
      expect(subgraph.calls).toHaveLength(1);
      const [call] = subgraph.calls;
      expect(call.refused).toBeUndefined();
      expect(call.requestId).toBe('req-tokens-1');
      expect(call.principal).toMatchObject({ authMethod: 'anonymous', tenantId: null, requestId: 'req-tokens-1' });
      const viaJwks = await createContextTokenVerifier({ jwksUrl: `${dev.url}/.well-known/jwks.json` }, subgraph.name);
      await expect(viaJwks.verify(call.token!)).resolves.toMatchObject({ requestId: 'req-tokens-1' });
    }
    const wrongAudience = await createContextTokenVerifier({ publicKey: fixture.keys.publicKey }, 'reviews');
    await expect(wrongAudience.verify(users.calls[0].token!)).rejects.toThrow();
  });

  it('keeps a subgraph error code, names the service, and strips the stack outside development', async () => {
    const devReply = await post(dev.graphqlUrl, { query: '{ forbidden }' });
    expect(devReply.json.errors[0]).toMatchObject({ message: 'Only admins may read this', extensions: { code: 'FORBIDDEN', serviceName: 'users' } });
    const prodReply = await post(prod.graphqlUrl, { query: '{ forbidden }' });
    expect(prodReply.json.errors[0]).toMatchObject({ message: 'Only admins may read this', extensions: { code: 'FORBIDDEN', serviceName: 'users' } });
    expect(prodReply.text).not.toContain('stacktrace');
  });
});

describe('routes', () => {
  it('serves health, readiness, the JWKS, a redirect at / and 404 JSON elsewhere', async () => {
    expect((await fetch(`${dev.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${dev.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', checks: { supergraph: { status: 'up' } } });
    const jwks = (await (await fetch(`${prod.url}/.well-known/jwks.json`)).json()) as { keys: Record<string, unknown>[] };
    expect(jwks.keys).toEqual([expect.objectContaining({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig', kid: expect.any(String) })]);
    expect(jwks.keys[0]).not.toHaveProperty('d');
    const root = await fetch(`${dev.url}/`, { redirect: 'manual' });
    expect(root.status).toBe(307);
    expect(root.headers.get('location')).toBe('/graphql');
    const missing = await fetch(`${dev.url}/nope`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ errors: [{ extensions: { code: 'ROUTE_NOT_FOUND' } }] });
  });

  it('serves Apollo Sandbox to browsers outside production only', async () => {
    const html = { accept: 'text/html' };
    const devPage = await fetch(dev.graphqlUrl, { headers: html });
    expect(devPage.status).toBe(200);
    expect(devPage.headers.get('content-type')).toContain('text/html');
    expect(await devPage.text()).toContain('embeddable-sandbox');
    const prodPage = await fetch(prod.graphqlUrl, { headers: html });
    expect(prodPage.headers.get('content-type')).not.toContain('text/html');
    expect(prodPage.status).toBe(400);
  });

  it('allows introspection in development and refuses it in production', async () => {
    const query = { query: '{ __schema { queryType { name } } }' };
    expect((await post(dev.graphqlUrl, query)).json).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
    const refused = await post(prod.graphqlUrl, query);
    expect(refused.status).toBe(400);
    expect(refused.json.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});

describe('CORS', () => {
  const preflight = (url: string, origin: string) =>
    fetch(url, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-tenant-id' },
    });

  it('answers preflights from Sandbox and localhost in development', async () => {
    for (const origin of ['https://studio.apollographql.com', 'http://localhost:3000']) {
      const reply = await preflight(dev.graphqlUrl, origin);
      expect(reply.status).toBe(204);
      expect(reply.headers.get('access-control-allow-origin')).toBe(origin);
      const allowed = reply.headers.get('access-control-allow-headers')!.split(', ');
      expect(allowed).toEqual(expect.arrayContaining(CORS_ALLOW_HEADERS));
    }
    const actual = await post(dev.graphqlUrl, { query: '{ users { id } }' }, { origin: 'https://studio.apollographql.com' });
    expect(actual.headers.get('access-control-allow-origin')).toBe('https://studio.apollographql.com');
  });

  it('refuses other origins, and Sandbox in production unless configured', async () => {
    const evil = await preflight(dev.graphqlUrl, 'https://evil.example');
    expect(evil.status).toBe(403);
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
    const actual = await post(dev.graphqlUrl, { query: '{ users { id } }' }, { origin: 'https://evil.example' });
    expect(actual.headers.get('access-control-allow-origin')).toBeNull();
    expect((await preflight(prod.graphqlUrl, 'https://studio.apollographql.com')).status).toBe(403);
  });

  it('keeps Apollo CSRF prevention on for simple requests', async () => {
    const reply = await fetch(`${dev.graphqlUrl}?query=${encodeURIComponent('{ users { id } }')}`);
    expect(reply.status).toBe(400);
    const ok = await fetch(`${dev.graphqlUrl}?query=${encodeURIComponent('{ users { id } }')}`, { headers: { 'apollo-require-preflight': 'true' } });
    expect(ok.status).toBe(200);
  });
});

describe('bad input', () => {
  const cases: { name: string; body: string | object; status: number; code: string }[] = [
    { name: 'malformed JSON', body: '{"query": "{ users { id } }"', status: 400, code: 'BAD_REQUEST' },
    { name: 'a body that is not a GraphQL request', body: { foo: 1 }, status: 400, code: 'BAD_REQUEST' },
    { name: 'an unknown operation name', body: { query: 'query A { users { id } }', operationName: 'B' }, status: 400, code: 'OPERATION_RESOLUTION_FAILURE' },
    { name: 'several operations and no name', body: { query: 'query A { users { id } } query B { users { name } }' }, status: 400, code: 'OPERATION_RESOLUTION_FAILURE' },
    { name: 'a syntax error', body: { query: '{ users { id }' }, status: 400, code: 'GRAPHQL_PARSE_FAILED' },
    { name: 'a validation error', body: { query: '{ nope }' }, status: 400, code: 'GRAPHQL_VALIDATION_FAILED' },
    { name: 'an oversized body', body: { query: `{ users { id } } # ${'x'.repeat(20_000)}` }, status: 413, code: 'PAYLOAD_TOO_LARGE' },
  ];

  for (const mode of ['development', 'production'] as const) {
    it.each(cases)(`${mode}: $name → $status $code, and the gateway keeps serving`, async ({ body, status, code }) => {
      const gateway = mode === 'production' ? prod : dev;
      const reply = await post(gateway.graphqlUrl, body);
      expect(reply.status).toBe(status);
      expect(reply.json.errors[0].extensions.code).toBe(code);
      if (mode === 'production') expect(reply.text).not.toMatch(/stacktrace|\bat .+\.(ts|js):\d+/);
      expect((await post(gateway.graphqlUrl, { query: '{ users { id } }' })).status).toBe(200);
    });
  }

  it('answers with the status an AppError carries (extensions.http)', async () => {
    const reply = await post(prod.graphqlUrl, { query: '{ users { id } }' }, { 'x-test-deny': '1' });
    expect(reply.status).toBe(401);
    expect(reply.json).toEqual({ errors: [{ message: 'The API key is not valid', extensions: { code: 'UNAUTHENTICATED' } }] });
  });

  it('production masks an unexpected error and logs it with the request id', async () => {
    const reply = await post(prod.graphqlUrl, { query: '{ users { id } }' }, { 'x-test-explode': '1', 'x-request-id': 'req-explode-1' });
    expect(reply.status).toBe(500);
    expect(reply.json).toEqual({ errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
    expect(reply.text).not.toContain('hunter2');
    const logged = prod.logs.find((line) => line.requestId === 'req-explode-1' && line.level === 'error');
    expect(JSON.stringify(logged)).toContain('hunter2');
  });
});

describe('degraded subgraphs', () => {
  let hanging: Server;

  beforeAll(async () => {
    hanging = createServer(() => {}); // accepts and never answers
    await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
  });
  afterAll(() => {
    hanging.closeAllConnections();
    return new Promise<void>((resolve) => hanging.close(() => resolve()));
  });

  it('returns the other subgraph’s data and a coded error naming the one that is down', async () => {
    const down = `http://127.0.0.1:${await freePort()}/graphql`;
    const gateway = await fixture.start({ NODE_ENV: 'production', ...prodKeys() }, { subgraphUrls: { reviews: down } });
    const reply = await post(gateway.graphqlUrl, { query: CROSS_SUBGRAPH });
    expect(reply.status).toBe(200);
    expect(reply.json.data.users).toEqual([
      { id: 'u1', name: 'Ana', reviews: null },
      { id: 'u2', name: 'Luis', reviews: null },
    ]);
    expect(reply.json.errors).toEqual([
      expect.objectContaining({ extensions: { code: 'DOWNSTREAM_SERVICE_ERROR', serviceName: 'reviews' } }),
    ]);
    expect(reply.text).not.toContain('127.0.0.1');
  });

  it('gives up on a subgraph after SUBGRAPH_TIMEOUT_MS', async () => {
    const { port } = hanging.address() as { port: number };
    const gateway = await fixture.start({ NODE_ENV: 'development', SUBGRAPH_TIMEOUT_MS: '300' }, { subgraphUrls: { reviews: `http://127.0.0.1:${port}/graphql` } });
    const started = Date.now();
    const reply = await post(gateway.graphqlUrl, { query: CROSS_SUBGRAPH });
    expect(Date.now() - started).toBeLessThan(3000);
    expect(reply.json.data.users[0]).toEqual({ id: 'u1', name: 'Ana', reviews: null });
    expect(reply.json.errors[0]).toMatchObject({ message: 'Subgraph "reviews" did not answer in time', extensions: { code: 'DOWNSTREAM_SERVICE_ERROR', serviceName: 'reviews' } });
  });

  it('surfaces a subgraph refusing a token signed with another key as its UNAUTHENTICATED', async () => {
    const gateway = await fixture.start({ NODE_ENV: 'development' }, { contextKeys: undefined }); // ephemeral pair the subgraphs do not know
    const reply = await post(gateway.graphqlUrl, { query: '{ users { id } }' });
    expect(reply.json.errors[0].extensions).toMatchObject({ code: 'UNAUTHENTICATED', serviceName: 'users' });
    expect(fixture.subgraphs.users.calls.at(-1)?.refused).toBeDefined();
  });
});

function prodKeys() {
  return { CONTEXT_TOKEN_PRIVATE_KEY: fixture.pems.privatePem, CONTEXT_TOKEN_PUBLIC_KEY: fixture.pems.publicPem };
}
