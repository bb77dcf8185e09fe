import { testServices } from '@academy/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { bearer, eventually, hsToken } from './support/auth-system';
import type { GatewayProcess } from './support/gateway-process';
import { type GatewayReplicas, startGatewayReplicas } from './support/gateway-replicas';
import { runLoadInProcess } from './support/load-process';
import { send, unexpected } from './support/load';
import { createLimitedTenant } from './support/tenants';

const { redisUrl } = testServices();

const STANDARDS_50 = '{ competencyStandards(first: 50) { nodes { code } } }';
const COST_50 = 51;
const PUBLIC = '{ plans { code } }';
const UNLIMITED_RATE = { requestsPerMinute: 1_000_000, callerRequestsPerMinute: 1_000_000 };

/**
 * LIMITS_REDIS_FAILURE_POLICY=fail-open and =fail-closed, one gateway process each, with Redis cut
 * between them and Redis (the default, `local`, is covered with two replicas in demand-control-replicas).
 */
describe.skipIf(redisUrl === null)('the other Redis failure policies, through HTTP', () => {
  let run: GatewayReplicas;
  let admin: Record<string, string>;
  const graphql = (gateway: GatewayProcess) => `${gateway.url}/graphql`;
  // Both replicas go through one proxy: after another test's cut, a replica may still be reconnecting.
  const onRedis = (gateway: GatewayProcess) => eventually(async () => (await fetch(`${gateway.url}/readyz`)).status === 200, 30_000);

  beforeAll(async () => {
    run = await startGatewayReplicas(redisUrl!, [{ LIMITS_REDIS_FAILURE_POLICY: 'fail-open' }, { LIMITS_REDIS_FAILURE_POLICY: 'fail-closed' }]);
    admin = bearer(await hsToken({ roles: ['platform_admin'] }));
  }, 120_000);

  // A failed assertion must not leave Redis cut for the next test.
  afterEach(() => run?.proxy.resume());

  afterAll(async () => {
    if (run) expect(await run.close()).toEqual([0, 0]);
  }, 60_000);

  it('fail-open admits every operation while Redis is cut, then enforces the shared bucket again', async () => {
    const gateway = run.replicas[0]!;
    await onRedis(gateway);
    // Two operations' worth of points, restoring one point a second: drained, it stays drained for the test.
    const tenant = await createLimitedTenant(run.system, admin, { bucketCapacity: 2 * COST_50, restoreRatePerSecond: 1, ...UNLIMITED_RATE });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await send(graphql(gateway), tenant.headers, STANDARDS_50)).status);
    expect(statuses).toEqual([200, 200, 429]);

    run.proxy.interrupt();
    const outcomes = await runLoadInProcess({ urls: [graphql(gateway)], headers: tenant.headers, query: STANDARDS_50, clients: 20, durationMs: 1_500 });
    expect(outcomes.length).toBeGreaterThan(0);
    // Every request answered (no client-side abort), every one of them admitted and executed.
    expect(unexpected(outcomes, (o) => o.status === 200 && o.hasData && o.actualCost === COST_50)).toEqual([]);
    expect(gateway.output()).toContain('"path":"fail-open"');

    run.proxy.resume();
    await eventually(async () => {
      const reply = await send(graphql(gateway), tenant.headers, STANDARDS_50);
      return reply.status === 429 && reply.code === 'THROTTLED';
    }, 30_000);
    expect(gateway.alive()).toBe(true);
  }, 60_000);

  it('fail-closed refuses tenant operations with 429 and Retry-After while Redis is cut, serves public ones, then admits again', async () => {
    const gateway = run.replicas[1]!;
    await onRedis(gateway);
    const tenant = await createLimitedTenant(run.system, admin, UNLIMITED_RATE);
    expect((await send(graphql(gateway), tenant.headers, STANDARDS_50)).status).toBe(200);

    run.proxy.interrupt();
    const outcomes = await runLoadInProcess({ urls: [graphql(gateway)], headers: tenant.headers, query: STANDARDS_50, clients: 20, durationMs: 1_500 });
    expect(outcomes.length).toBeGreaterThan(0);
    // The rate limit is checked first and refuses; clients are told to come back in a second.
    expect(unexpected(outcomes, (o) => o.status === 429 && o.code === 'RATE_LIMITED' && o.retryAfter === '1' && !o.hasData)).toEqual([]);
    // Requests without a tenant are not budgeted and do not need Redis.
    expect(await send(graphql(gateway), {}, PUBLIC)).toMatchObject({ status: 200, hasData: true });

    run.proxy.resume();
    await eventually(async () => (await send(graphql(gateway), tenant.headers, STANDARDS_50)).status === 200, 30_000);
    expect(gateway.alive()).toBe(true);
  }, 60_000);
});
