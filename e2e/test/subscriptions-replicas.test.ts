import { randomUUID } from 'node:crypto';
import { createAnalyticsService, loadAnalyticsEnvironment } from '@academy/analytics';
import { createKeyValueStore, type KeyValueStore } from '@academy/cache';
import { composeSupergraph, type EmbeddedSystem } from '@academy/embedded';
import { createGateway, type Gateway, loadGatewayEnvironment } from '@academy/gateway';
import { createLogger } from '@academy/service-kit';
import type { SubgraphRuntime } from '@academy/subgraph-kit';
import { testServices } from '@academy/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, eventually, gql, hsToken, startAuthSystem, TEST_HS256_SECRET } from './support/auth-system';
import { subscribeSse, subscribeWs } from './support/subscription-clients';

const { redisUrl, amqpUrl } = testServices();

const PROGRESS = 'subscription { progressUpdated { courseId percent standard { code } } }';

/**
 * Production's shape in one process: two gateways sharing Redis, each in front of its own analytics
 * replica, and RabbitMQ fanning every event out to both replicas (a vhost-free prefix isolates the run).
 */
describe.skipIf(redisUrl === null || amqpUrl === null)('subscriptions across replicas (Redis, RabbitMQ)', () => {
  const prefix = `e2e-subs-${randomUUID().slice(0, 8)}`;
  const logger = createLogger({ service: 'e2e-subs', level: 'silent' });
  let system: EmbeddedSystem;
  let secondAnalytics: SubgraphRuntime;
  let second: Gateway;
  let secondStore: KeyValueStore;
  let headers: Record<string, string>;
  let slug: string;

  beforeAll(async () => {
    system = await startAuthSystem({ REDIS_URL: redisUrl!, AMQP_URL: amqpUrl! }, prefix);
    secondAnalytics = await createAnalyticsService({
      env: loadAnalyticsEnvironment({ NODE_ENV: 'test', LOG_LEVEL: 'silent', PORT: '0', HOST: '127.0.0.1', SQLITE_PATH: ':memory:' }),
      logger,
      contextKeys: { publicKey: system.gateway.contextKeys.publicKey },
      infrastructure: system.infrastructure,
    });
    const analyticsUrl = await secondAnalytics.listen(0, '127.0.0.1');
    secondStore = createKeyValueStore({ redisUrl, keyPrefix: `${prefix}:`, logger });
    second = await createGateway({
      env: loadGatewayEnvironment({ NODE_ENV: 'test', LOG_LEVEL: 'silent', TENANCY_MODE: 'multi', JWT_HS256_SECRET: TEST_HS256_SECRET }),
      logger,
      contextKeys: system.gateway.contextKeys,
      supergraphSdl: (await composeSupergraph()).supergraphSdl,
      subgraphUrls: { ...Object.fromEntries(Object.entries(system.subgraphs).map(([name, { url }]) => [name, url])), analytics: `${analyticsUrl}/graphql` },
      infrastructure: { bus: system.infrastructure.bus, store: secondStore },
    });
    await second.listen(0, '127.0.0.1');

    const admin = bearer(await hsToken({ roles: ['platform_admin'] }));
    slug = `subr-${randomUUID().slice(0, 8)}`;
    const created = await gql<{ createTenant: { id: string } }>(system, 'mutation($i: CreateTenantInput!) { createTenant(input: $i) { id } }', { i: { slug, name: slug, plan: 'PRO' } }, admin);
    const id = created.body.data!.createTenant.id;
    await gql(system, 'mutation($id: ID!, $i: UpdateTenantSettingsInput!) { updateTenantSettings(id: $id, input: $i) { id } }', { id, i: { limitOverrides: { maxSubscriptions: 2 } } }, admin);
    headers = { ...bearer(await hsToken({ sub: 'replica-instructor', tenant: slug, roles: ['instructor'] })), 'x-tenant-id': slug };
  });

  afterAll(async () => {
    const keys = (await secondStore?.redis?.keys(`${prefix}:*`)) ?? [];
    await Promise.all(keys.map((k) => secondStore.delete(k.slice(prefix.length + 1))));
    await second?.close();
    await secondAnalytics?.close();
    await secondStore?.close();
    await system?.close();
  });

  async function record(courseId: string, percent: number) {
    const learner = { ...bearer(await hsToken({ sub: 'replica-learner', tenant: slug, roles: ['learner'] })), 'x-tenant-id': slug };
    const reply = await gql(system, 'mutation($i: RecordProgressInput!) { recordProgress(input: $i) { id } }', { i: { learnerId: 'replica-learner', courseId, percent, standardCode: 'EC0217.01' } }, learner);
    expect(reply.body.errors).toBeUndefined();
  }

  it('delivers every event once to subscribers of either replica, and counts their slots together', async () => {
    const viaFirst = subscribeWs(system.gateway.graphqlUrl, PROGRESS, {}, { Authorization: headers.authorization, 'X-Tenant-Id': slug });
    const viaSecond = subscribeSse(`${second.url}/graphql`, PROGRESS, {}, headers);
    expect((await viaSecond.response).status).toBe(200);
    // Both upstream subscriptions are open once a warm-up event reached both.
    let warmUp = 0;
    await eventually(async () => {
      await record('warm-up', warmUp++);
      await new Promise((resolve) => setTimeout(resolve, 150));
      return viaFirst.results.length > 0 && viaSecond.results.length > 0;
    }, 15_000);

    // The tenant's two slots are taken, one on each gateway: a third subscription is refused on either.
    const third = subscribeSse(system.gateway.graphqlUrl, PROGRESS, {}, headers);
    expect((await third.response).status).toBe(429);

    const before = [viaFirst.results.length, viaSecond.results.length];
    for (let percent = 1; percent <= 20; percent++) await record('burst', percent);
    const burst = (results: typeof viaFirst.results, from: number) =>
      results.slice(from).filter((r) => (r.data?.progressUpdated as { courseId: string }).courseId === 'burst').map((r) => (r.data?.progressUpdated as { percent: number }).percent);
    await eventually(async () => burst(viaFirst.results, before[0]).length >= 20 && burst(viaSecond.results, before[1]).length >= 20, 15_000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const expected = Array.from({ length: 20 }, (_, i) => i + 1);
    expect(burst(viaFirst.results, before[0])).toEqual(expected);
    expect(burst(viaSecond.results, before[1])).toEqual(expected);
    expect(viaSecond.results.every((r) => (r.data?.progressUpdated as { standard: { code: string } }).standard.code === 'EC0217.01')).toBe(true);

    await viaFirst.close();
    await viaSecond.close();
    await eventually(async () => second.subscriptionStats().upstreams === 0 && system.gateway.subscriptionStats().upstreams === 0);
  });
});
