import { type IncomingMessage, request } from 'node:http';
import { type ComposedSupergraph, composeSupergraph, type EmbeddedSystem, loadEmbeddedEnvironment, startEmbeddedSystem } from '@academy/embedded';
import { type DomainEvent, newEvent } from '@academy/event-bus';
import { signRequest } from '@academy/gateway';
import { CONTEXT_TOKEN_HEADER, createLogger } from '@academy/service-kit';
import { type GraphQLResponse, postGraphQL } from '@academy/testing';
import { decodeJwt, SignJWT } from 'jose';

/** The HS256 secret the auth suites configure (32+ characters, not the development default). */
export const TEST_HS256_SECRET = 'e2e-auth-suite-hs256-secret-0123456789abcdef';

let composed: Promise<ComposedSupergraph> | undefined;

/** The real system (gateway in multi-tenant mode + the three subgraphs), on ephemeral ports and in-memory SQLite. */
export async function startAuthSystem(source: NodeJS.ProcessEnv = {}, infrastructurePrefix?: string): Promise<EmbeddedSystem> {
  composed ??= composeSupergraph();
  const full = { NODE_ENV: 'test', LOG_LEVEL: 'silent', JWT_HS256_SECRET: TEST_HS256_SECRET, ...source } as NodeJS.ProcessEnv;
  const env = loadEmbeddedEnvironment({ ...full, GATEWAY_PORT: '0', TENANCY_PORT: '0', CONOCER_PORT: '0', ANALYTICS_PORT: '0', CONOCER_SANDBOX_PORT: '0', DATA_DIR: ':memory:', HOST: '127.0.0.1' });
  const logger = createLogger({ service: 'e2e-auth', level: 'silent' });
  return startEmbeddedSystem({ env, source: full, logger, supergraphSdl: (await composed).supergraphSdl, infrastructurePrefix });
}

export interface TokenClaims {
  sub?: string;
  tenant?: string;
  roles?: string[];
  scope?: string;
  iss?: string;
  aud?: string;
}

/** An HS256 token as `npm run dev:token` would mint it, with the suite's secret. */
export function hsToken({ sub = 'e2e-user', ...claims }: TokenClaims, secret = TEST_HS256_SECRET): Promise<string> {
  return new SignJWT({ ...claims }).setProtectedHeader({ alg: 'HS256' }).setSubject(sub).setIssuedAt().setExpirationTime('10m').sign(new TextEncoder().encode(secret));
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

export function gql<T = Record<string, unknown>>(system: EmbeddedSystem, query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}, path = '/graphql') {
  return postGraphQL<T>(`${system.gateway.url}${path}`, query, variables, headers);
}

/** The first error's code and reason, for compact assertions. */
export function failure(response: { status: number; body: GraphQLResponse<unknown>['body'] }) {
  const error = response.body.errors?.[0];
  return { status: response.status, code: error?.extensions?.code, reason: error?.extensions?.reason };
}

export interface CreatedKey {
  id: string;
  key: string;
  signingSecret: string;
}

/** A key created the way a tenant admin does it: `createApiKey` through the gateway. */
export async function createApiKey(system: EmbeddedSystem, tenant: string, scopes: string[], expiresAt?: Date): Promise<CreatedKey> {
  const token = await hsToken({ tenant, roles: ['tenant_admin'] });
  const reply = await gql<{ createApiKey: { key: string; signingSecret: string; apiKey: { id: string } } }>(
    system,
    'mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { key signingSecret apiKey { id } } }',
    { input: { name: `e2e ${scopes.join(' ')}`, scopes, expiresAt: expiresAt?.toISOString() } },
    bearer(token),
  );
  if (!reply.body.data) throw new Error(`createApiKey failed: ${JSON.stringify(reply.body.errors)}`);
  const { key, signingSecret, apiKey } = reply.body.data.createApiKey;
  return { id: apiKey.id, key, signingSecret };
}

/** `Authorization: ACAD-HMAC-SHA256 …` for a POST of `body` to `path`. */
export function hmacHeader(key: CreatedKey, path: string, body: string, { ts = Math.floor(Date.now() / 1000), nonce = `n${Math.random().toString(36).slice(2, 14)}` } = {}) {
  const signature = signRequest(key.signingSecret, ts, nonce, { method: 'POST', pathWithQuery: path, rawBody: body });
  return `ACAD-HMAC-SHA256 keyId=${key.id},ts=${ts},nonce=${nonce},signature=${signature}`;
}

/** A GraphQL POST with a chosen `Host` header (fetch always sends the URL's host), as a browser on a tenant's domain would send it. */
export function gqlWithHost(system: EmbeddedSystem, host: string, query: string, headers: Record<string, string> = {}): Promise<GraphQLResponse> {
  const body = JSON.stringify({ query });
  return new Promise((resolve, reject) => {
    const req = request(`${system.gateway.graphqlUrl}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers, host } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: new Headers(), body: JSON.parse(Buffer.concat(chunks).toString('utf8')) }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** POSTs an exact body (signatures cover the bytes) to a gateway (`http://host:port`) with the given headers. */
export async function postRaw(gatewayUrl: string, path: string, body: string, headers: Record<string, string>) {
  const response = await fetch(`${gatewayUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  return { status: response.status, body: (await response.json()) as GraphQLResponse['body'] };
}

/**
 * The principals a subgraph received: the context tokens on its requests, decoded. The gateway's
 * own lookups (service principal) are left out unless asked for.
 */
export function watchPrincipals(system: EmbeddedSystem, subgraph: 'tenancy' | 'conocer' | 'analytics', { includeService = false } = {}) {
  const seen: Record<string, unknown>[] = [];
  const listener = (req: IncomingMessage) => {
    const token = req.headers[CONTEXT_TOKEN_HEADER];
    if (typeof token !== 'string') return;
    const claims = decodeJwt(token);
    if (includeService || claims.amr !== 'service') seen.push(claims);
  };
  const server = system.subgraphs[subgraph].runtime.service.http.server;
  server.on('request', listener);
  return { seen, stop: () => server.off('request', listener) };
}

/** Events of the given types published on the system's bus from now on. */
export async function recordEvents(system: EmbeddedSystem, types: string[]) {
  const events: DomainEvent[] = [];
  const stop = await system.infrastructure.bus.broadcast(types, async (event) => {
    events.push(event);
  });
  return { events, stop };
}

export async function publish(system: EmbeddedSystem, type: string, tenantId: string | null, payload: Record<string, unknown>) {
  await system.infrastructure.bus.publish(newEvent(type, tenantId, payload));
}

export async function eventually<T>(probe: () => Promise<T | undefined | false>, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
