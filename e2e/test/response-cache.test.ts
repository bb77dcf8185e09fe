import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { createKeyValueStore, type KeyValueStore } from '@academy/cache';
import { composeSupergraph, type EmbeddedSystem } from '@academy/embedded';
import { createEventBus, type EventBus } from '@academy/event-bus';
import { createGateway, type Gateway, loadGatewayEnvironment } from '@academy/gateway';
import { createLogger } from '@academy/service-kit';
import { startTcpProxy, type TcpProxy, testServices } from '@academy/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, eventually, hsToken, publish, startAuthSystem, TEST_HS256_SECRET } from './support/auth-system';
import { createLimitedTenant, type LimitedTenant } from './support/tenants';

const { redisUrl, amqpUrl } = testServices();

const STANDARDS = '{ competencyStandards(first: 3) { nodes { code title } pageInfo { hasNextPage } } }';
const SETTINGS = 'mutation($id: ID!, $i: UpdateTenantSettingsInput!) { updateTenantSettings(id: $id, input: $i) { id } }';

async function ask(url: string, headers: Record<string, string>, query = STANDARDS) {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query }) });
  // biome-ignore lint/suspicious/noExplicitAny: assertions walk the response
  return { status: response.status, headers: response.headers, body: (await response.json()) as any };
}

const cacheOf = async (url: string, headers: Record<string, string>, query?: string) => (await ask(url, headers, query)).headers.get('x-cache');

describe('response cache and tenant transformations (embedded default: in-process store and bus)', () => {
  let system: EmbeddedSystem;
  let admin: Record<string, string>;
  let a: LimitedTenant;
  let b: LimitedTenant;
  const url = () => system.gateway.graphqlUrl;
  async function updateSettings(id: string, input: Record<string, unknown>) {
    const response = await fetch(url(), { method: 'POST', headers: { 'content-type': 'application/json', ...admin }, body: JSON.stringify({ query: SETTINGS, variables: { id, i: input } }) });
    // biome-ignore lint/suspicious/noExplicitAny: assertions walk the response
    return (await response.json()) as any;
  }

  beforeAll(async () => {
    system = await startAuthSystem({ RESPONSE_CACHE: 'true' });
    admin = bearer(await hsToken({ roles: ['platform_admin'] }));
    a = await createLimitedTenant(system, admin, {});
    b = await createLimitedTenant(system, admin, {});
  }, 60_000);

  afterAll(async () => {
    await system?.close();
  });

  it('serves the conocer catalog from the cache per tenant, with the subgraph’s hint', async () => {
    const first = await ask(url(), a.headers);
    expect(first.headers.get('x-cache')).toBe('MISS');
    expect(first.headers.get('cache-control')).toBe('max-age=3600, public');
    const second = await ask(url(), a.headers);
    expect(second.headers.get('x-cache')).toBe('HIT');
    expect(second.body.data).toEqual(first.body.data);
    expect(await cacheOf(url(), b.headers)).toBe('MISS');
  });

  it('never caches what is about the viewer', async () => {
    const me = '{ me { id } }';
    expect([await cacheOf(url(), a.headers, me), await cacheOf(url(), a.headers, me)]).not.toContain('HIT');
  });

  it('drops cached catalog responses when conocer publishes standards.synced', async () => {
    await ask(url(), a.headers);
    expect(await cacheOf(url(), a.headers)).toBe('HIT');
    await publish(system, 'standards.synced', null, { jobId: randomUUID() });
    await eventually(async () => (await cacheOf(url(), a.headers)) === 'MISS');
  });

  it('skips the cache for a tenant with the response-cache-off flag', async () => {
    const off = await createLimitedTenant(system, admin, {});
    expect((await updateSettings(off.id, { featureFlags: ['response-cache-off'] })).errors).toBeUndefined();
    await eventually(async () => (await cacheOf(url(), off.headers)) === null);
    expect(await cacheOf(url(), off.headers)).toBeNull();
  });

  it('adds a tenant’s response headers to its responses only', async () => {
    const reply = await updateSettings(a.id, { responseHeaders: [{ name: 'x-tenant-region', value: 'mx-1' }] });
    expect(reply.errors).toBeUndefined();
    await eventually(async () => (await ask(url(), a.headers)).headers.get('x-tenant-region') === 'mx-1');
    expect((await ask(url(), b.headers)).headers.get('x-tenant-region')).toBeNull();
  });

  it('forwards a client header to the subgraph a rule names, renamed, and never credentials', async () => {
    const reply = await updateSettings(a.id, { headerPropagation: [{ subgraph: 'conocer', header: 'accept-language', rename: 'x-locale' }] });
    expect(reply.errors).toBeUndefined();
    const seen: IncomingMessage['headers'][] = [];
    const listener = (req: IncomingMessage) => seen.push(req.headers);
    const conocer = system.subgraphs.conocer.runtime.service.http.server;
    conocer.on('request', listener);
    try {
      const client = { 'accept-language': 'es-MX', cookie: 'session=secret' };
      await eventually(async () => {
        await ask(url(), { ...a.headers, ...client }, '{ competencySectors { name } }');
        return seen.some((headers) => headers['x-locale'] === 'es-MX');
      });
      await ask(url(), { ...b.headers, ...client }, '{ competencySectors { name } }');
    } finally {
      conocer.off('request', listener);
    }
    const fromA = seen.filter((headers) => headers['x-locale'] !== undefined);
    expect(fromA.length).toBeGreaterThan(0);
    for (const headers of seen) {
      expect(headers.authorization).toBeUndefined();
      expect(headers.cookie).toBeUndefined();
      expect(headers['accept-language']).toBeUndefined();
    }
    // Tenant b has no rule: its calls carried no locale.
    expect(seen.filter((headers) => headers['x-locale'] !== undefined).length).toBe(fromA.length);
  });

  it('keys cached responses by the forwarded header', async () => {
    const query = '{ competencyStandards(first: 2) { nodes { code } } }';
    await ask(url(), { ...a.headers, 'accept-language': 'es-MX' }, query);
    expect(await cacheOf(url(), { ...a.headers, 'accept-language': 'es-MX' }, query)).toBe('HIT');
    expect(await cacheOf(url(), { ...a.headers, 'accept-language': 'en-US' }, query)).toBe('MISS');
  });

  it('refuses settings that would override security headers or forward credentials, naming the problem', async () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ responseHeaders: [{ name: 'content-security-policy', value: "default-src 'none'" }] }, /only x- headers/],
      [{ responseHeaders: [{ name: 'x-frame-options', value: 'ALLOW' }] }, /security or gateway-owned/],
      [{ responseHeaders: [{ name: 'x-ok', value: 'a\r\nset-cookie: x=1' }] }, /visible ASCII/],
      [{ headerPropagation: [{ subgraph: 'conocer', header: 'authorization' }] }, /never forwarded/],
      [{ headerPropagation: [{ subgraph: 'conocer', header: 'x-locale', rename: 'cookie' }] }, /never forwarded/],
      [{ headerPropagation: [{ subgraph: 'Conocer!', header: 'accept-language' }] }, /subgraph name/],
    ];
    for (const [input, message] of cases) {
      const reply = await updateSettings(a.id, input);
      expect(reply.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(JSON.stringify(reply.errors[0].extensions.fields)).toMatch(message);
    }
  });
});

/**
 * Two gateways as production runs replicas: each with its own Redis connection (the second through a
 * proxy the test can cut) on the run's key prefix, and its own RabbitMQ connection on the run's
 * exchange prefix, in front of the real subgraphs.
 */
describe.skipIf(redisUrl === null || amqpUrl === null)('response cache across two gateway replicas (Redis, RabbitMQ)', () => {
  const prefix = `e2e-rc-${randomUUID().slice(0, 8)}`;
  const logger = createLogger({ service: 'e2e-response-cache', level: 'silent' });
  let system: EmbeddedSystem;
  let proxy: TcpProxy;
  let store: KeyValueStore;
  let bus: EventBus;
  let second: Gateway;
  let a: LimitedTenant;
  let b: LimitedTenant;
  const first = () => system.gateway.graphqlUrl;
  const other = () => second.graphqlUrl;

  beforeAll(async () => {
    system = await startAuthSystem({ REDIS_URL: redisUrl!, AMQP_URL: amqpUrl!, RESPONSE_CACHE: 'true' }, prefix);
    const target = new URL(redisUrl!);
    proxy = await startTcpProxy(target.hostname, Number(target.port || 6379));
    store = createKeyValueStore({ redisUrl: `redis://127.0.0.1:${proxy.port}`, keyPrefix: `${prefix}:`, logger });
    bus = await createEventBus({ amqpUrl: amqpUrl!, logger, prefix });
    second = await createGateway({
      env: loadGatewayEnvironment({ NODE_ENV: 'test', LOG_LEVEL: 'silent', TENANCY_MODE: 'multi', JWT_HS256_SECRET: TEST_HS256_SECRET, RESPONSE_CACHE: 'true', LIMITS_REDIS_FAILURE_POLICY: 'fail-open' }),
      logger,
      contextKeys: system.gateway.contextKeys,
      supergraphSdl: (await composeSupergraph()).supergraphSdl,
      subgraphUrls: Object.fromEntries(Object.entries(system.subgraphs).map(([name, { url }]) => [name, url])),
      infrastructure: { bus, store },
    });
    await second.listen(0, '127.0.0.1');
    const admin = bearer(await hsToken({ roles: ['platform_admin'] }));
    a = await createLimitedTenant(system, admin, {});
    b = await createLimitedTenant(system, admin, {});
  }, 60_000);

  afterAll(async () => {
    proxy?.resume();
    const keys = (await system?.infrastructure.store.redis?.keys(`${prefix}:*`)) ?? [];
    await Promise.all(keys.map((key) => system.infrastructure.store.delete(key.slice(prefix.length + 1))));
    await second?.close();
    await Promise.allSettled([bus?.close(), store?.close()]);
    await proxy?.close();
    await system?.close();
  });

  it('shares a tenant’s entries between replicas through Redis, and no other tenant’s', async () => {
    expect(await cacheOf(first(), a.headers)).toBe('MISS');
    expect(await cacheOf(other(), a.headers)).toBe('HIT');
    expect(await cacheOf(other(), b.headers)).toBe('MISS');
    expect(await cacheOf(first(), b.headers)).toBe('HIT');
  });

  it('a domain event on RabbitMQ invalidates the entries on both replicas', async () => {
    const query = '{ competencySectors { name standardCount } }';
    // Each replica holds one tenant's entry, so each replica's MISS shows it received the event itself.
    await ask(first(), a.headers, query);
    await ask(other(), b.headers, query);
    expect([await cacheOf(first(), a.headers, query), await cacheOf(other(), b.headers, query)]).toEqual(['HIT', 'HIT']);
    await publish(system, 'standards.synced', null, { jobId: randomUUID() });
    await eventually(async () => (await cacheOf(first(), a.headers, query)) === 'MISS');
    await eventually(async () => (await cacheOf(other(), b.headers, query)) === 'MISS');
  });

  it('answers without the cache while Redis is unreachable, and counts it', async () => {
    const query = '{ competencyStandards(first: 4) { nodes { code } } }';
    proxy.interrupt();
    try {
      const reply = await ask(other(), a.headers, query);
      expect(reply.status).toBe(200);
      expect(reply.body.data.competencyStandards.nodes).toHaveLength(4);
    } finally {
      proxy.resume();
    }
    expect(await second.metrics.getSingleMetricAsString('academy_gateway_response_cache_total')).toMatch(/outcome="store_error"[^}]*} [1-9]/);
  });
});
