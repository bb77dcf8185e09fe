import { randomUUID } from 'node:crypto';
import { createKeyValueStore, type KeyValueStore } from '@academy/cache';
import { composeSupergraph, type EmbeddedSystem } from '@academy/embedded';
import { createGateway, type Gateway, loadGatewayEnvironment } from '@academy/gateway';
import { createLogger } from '@academy/service-kit';
import { testServices } from '@academy/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, type CreatedKey, createApiKey, eventually, failure, hmacHeader, hsToken, postRaw, recordEvents, startAuthSystem, TEST_HS256_SECRET, watchPrincipals } from './support/auth-system';

const { redisUrl } = testServices();
const PUBLIC = '{ plans { code } }';

/**
 * Two gateway replicas: the embedded system's and a second one in front of the same subgraphs, with
 * its own Redis connection on the same key prefix. They share an event bus as replicas share
 * RabbitMQ (here the embedded in-process bus), and share state only through Redis.
 */
describe.skipIf(redisUrl === null)('two gateway replicas sharing Redis', () => {
  const prefix = `e2e-auth-${randomUUID().slice(0, 8)}`;
  let system: EmbeddedSystem;
  let second: Gateway;
  let secondStore: KeyValueStore;
  let key: CreatedKey;

  beforeAll(async () => {
    system = await startAuthSystem({ REDIS_URL: redisUrl! }, prefix);
    const logger = createLogger({ service: 'e2e-replica', level: 'silent' });
    secondStore = createKeyValueStore({ redisUrl, keyPrefix: `${prefix}:`, logger });
    second = await createGateway({
      env: loadGatewayEnvironment({ NODE_ENV: 'test', LOG_LEVEL: 'silent', TENANCY_MODE: 'multi', JWT_HS256_SECRET: TEST_HS256_SECRET }),
      logger,
      contextKeys: system.gateway.contextKeys,
      supergraphSdl: (await composeSupergraph()).supergraphSdl,
      subgraphUrls: Object.fromEntries(Object.entries(system.subgraphs).map(([name, { url }]) => [name, url])),
      infrastructure: { bus: system.infrastructure.bus, store: secondStore },
    });
    await second.listen(0, '127.0.0.1');
    key = await createApiKey(system, 'acme', ['progress:read']);
  });

  afterAll(async () => {
    // Everything here expires within minutes anyway; the suite still leaves the shared server clean.
    // (ioredis applies its key prefix to keys, not to KEYS patterns, hence the full pattern and the slice.)
    const keys = (await secondStore?.redis?.keys(`${prefix}:*`)) ?? [];
    await Promise.all(keys.map((k) => secondStore.delete(k.slice(prefix.length + 1))));
    await second?.close();
    await secondStore?.close();
    await system?.close();
  });

  const post = (gateway: Gateway, body: string, headers: Record<string, string>) => postRaw(gateway.url, '/graphql', body, headers);

  it('refuses on one replica a signed request already accepted by the other (shared nonces)', async () => {
    const body = JSON.stringify({ query: '{ progressEvents(first: 1) { totalCount } }' });
    const authorization = hmacHeader(key, '/graphql', body);
    expect((await post(system.gateway, body, { authorization })).status).toBe(200);
    expect(failure(await post(second, body, { authorization }))).toEqual({ status: 401, code: 'UNAUTHENTICATED', reason: 'nonce_replayed' });
  });

  it('serves a tenant one replica looked up from Redis on the other, without asking tenancy again', async () => {
    const admin = bearer(await hsToken({ roles: ['platform_admin'] }));
    const slug = `rep-${Date.now().toString(36)}`;
    const changes = await recordEvents(system, ['tenant.changed']);
    const created = await postRaw(system.gateway.url, '/graphql', JSON.stringify({ query: `mutation { createTenant(input: { slug: "${slug}", name: "Replica" }) { id } }` }), admin);
    expect(created.body.errors).toBeUndefined();
    // The creation's tenant.changed invalidates the replicas' caches; let it pass before counting lookups.
    const id = (created.body.data as { createTenant: { id: string } }).createTenant.id;
    await eventually(async () => changes.events.some((event) => event.tenantId === id));
    await changes.stop();
    await new Promise((resolve) => setTimeout(resolve, 200));
    const lookups = watchPrincipals(system, 'tenancy', { includeService: true });
    const body = JSON.stringify({ query: PUBLIC });
    expect((await post(system.gateway, body, { 'x-tenant-id': slug })).status).toBe(200);
    const afterFirst = lookups.seen.filter((claims) => claims.amr === 'service').length;
    expect(afterFirst).toBe(1);
    expect((await post(second, body, { 'x-tenant-id': slug })).status).toBe(200);
    lookups.stop();
    expect(lookups.seen.filter((claims) => claims.amr === 'service').length).toBe(afterFirst);
    expect(await secondStore.get(`gateway:tenant:v2:slug:${slug}`)).toContain(slug);
  });

  it('applies a suspension on both replicas, from one event, although both had the tenant cached', async () => {
    const admin = bearer(await hsToken({ roles: ['platform_admin'] }));
    const body = JSON.stringify({ query: PUBLIC });
    for (const gateway of [system.gateway, second]) expect((await post(gateway, body, { 'x-tenant-id': 'globex' })).status).toBe(200);
    const suspend = (status: string) =>
      postRaw(system.gateway.url, '/graphql', JSON.stringify({ query: `mutation { updateTenant(id: "${system.demoTenants.globex}", input: { status: ${status} }) { status } }` }), admin);
    expect((await suspend('SUSPENDED')).body.errors).toBeUndefined();
    for (const gateway of [system.gateway, second]) {
      expect(failure(await post(gateway, body, { 'x-tenant-id': 'globex' }))).toMatchObject({ status: 403, code: 'TENANT_SUSPENDED' });
    }
    await suspend('ACTIVE');
  });
});
