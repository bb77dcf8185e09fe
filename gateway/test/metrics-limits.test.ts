import { createRedisStore } from '@academy/cache';
import { createInProcessEventBus } from '@academy/event-bus';
import { createMetricsRegistry } from '@academy/service-kit';
import { testPrincipal, testServices } from '@academy/testing';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGatewayMetrics } from '../src/metrics';
import { admitOperation } from '../src/plugins/admit-operation';
import { createDemandControl } from '../src/plugins/demand-control';
import type { TenantAccess } from '../src/tenancy/tenant-access';
import { committedSupergraph } from './cost-fixtures';
import { silentLogger, startSilentRedis } from './limits-support';
import { redisStoreForSuite } from './redis-suite';

const tenant: TenantAccess = {
  id: 'tenant-metrics',
  slug: 'metrics',
  name: 'Metrics',
  status: 'ACTIVE',
  plan: 'PRO',
  limits: {
    maxOperationCost: 1000,
    bucketCapacity: 1000,
    restoreRatePerSecond: 10,
    requestsPerMinute: 100,
    callerRequestsPerMinute: 100,
    maxDepth: 10,
    maxAliases: 10,
    maxRootFields: 10,
    maxTokens: 1000,
    maxDocumentBytes: 10_000,
    maxSubscriptions: 5,
  },
  customDomains: [],
  corsOrigins: [],
  featureFlags: [],
  apiVersion: '1',
  introspection: false,
  costExtensions: true,
};

let redis: Awaited<ReturnType<typeof startSilentRedis>>;
beforeAll(async () => {
  redis = await startSilentRedis();
});
afterAll(() => redis?.close());

describe('limits metrics with a Redis that does not answer', () => {
  it('counts each limit decided without Redis, by limiter and policy', async () => {
    const registry = createMetricsRegistry('gateway', { processMetrics: false });
    const store = createRedisStore({ url: redis.url, logger: silentLogger });
    const bus = createInProcessEventBus();
    const control = createDemandControl({ store, bus, logger: silentLogger, onRedisFailure: 'local', metrics: createGatewayMetrics(registry) });
    try {
      control.setSupergraph(committedSupergraph());
      const admission = await admitOperation(control, {
        document: parse('{ competencyStandards(first: 1) { nodes { code } } }'),
        variables: {},
        operationName: undefined,
        documentKey: undefined,
        tenant,
        principal: testPrincipal({ tenantId: tenant.id }),
        logger: silentLogger,
      });
      expect(admission?.estimated).toBe(2);
      const text = await registry.metrics();
      expect(text).toContain('academy_gateway_limits_redis_fallback_total{limiter="rate",path="local",service="gateway"} 1');
      expect(text).toContain('academy_gateway_limits_redis_fallback_total{limiter="bucket",path="local",service="gateway"} 1');
      expect(text).toContain('academy_gateway_operation_cost_count{service="gateway",kind="estimated"} 1');
    } finally {
      await control.close();
      await bus.close();
      await store.close();
    }
  });
});

describe.skipIf(!testServices().redisUrl)('limits metrics with leases on a real Redis', () => {
  const suite = redisStoreForSuite(testServices().redisUrl, 'lease-metrics');

  it('counts the operations a busy tenant was admitted from its lease', async () => {
    const registry = createMetricsRegistry('gateway', { processMetrics: false });
    const bus = createInProcessEventBus();
    const control = createDemandControl({ store: suite.store, bus, logger: silentLogger, leaseMs: 100, metrics: createGatewayMetrics(registry) });
    const busy = { ...tenant, id: `tenant-${Date.now()}`, limits: { ...tenant.limits, requestsPerMinute: 100_000, callerRequestsPerMinute: 100_000, bucketCapacity: 100_000 } };
    try {
      control.setSupergraph(committedSupergraph());
      const operation = { document: parse('{ competencyStandards(first: 1) { nodes { code } } }'), variables: {}, operationName: undefined, documentKey: undefined, tenant: busy, principal: testPrincipal({ tenantId: busy.id }), logger: silentLogger };
      // A few hundred operations a second for half a second: the first 100 ms measure, then leases serve most.
      const until = Date.now() + 500;
      let admitted = 0;
      while (Date.now() < until) {
        await admitOperation(control, operation);
        admitted += 1;
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
      const leased = Number(/academy_gateway_limits_leased_admissions_total\{service="gateway"\} (\d+)/.exec(await registry.metrics())?.[1]);
      expect(leased).toBeGreaterThan(admitted / 2);
      expect(leased).toBeLessThan(admitted);
    } finally {
      await control.close();
      await bus.close();
    }
  });
});
