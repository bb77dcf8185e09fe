import { testServices } from '@academy/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, eventually, hsToken } from './support/auth-system';
import type { GatewayProcess } from './support/gateway-process';
import { type GatewayReplicas, startGatewayReplicas } from './support/gateway-replicas';
import { admittedCost, epochNow, type Outcome, send, spanSeconds, unexpected } from './support/load';
import { runLoadInProcess } from './support/load-process';
import { createLimitedTenant } from './support/tenants';

const { redisUrl } = testServices();

// competencyStandards is sized by `first`: 1 + first. Five of 1,477 standards always come back, so actual = estimate.
const STANDARDS_5 = '{ competencyStandards(first: 5) { nodes { code } } }';
const COST_5 = 6;
const STANDARDS_50 = '{ competencyStandards(first: 50) { nodes { code } } }';
const COST_50 = 51;
const FREE = '{ __typename }';
const UNLIMITED_RATE = { requestsPerMinute: 1_000_000, callerRequestsPerMinute: 1_000_000 };

const answeredOrThrottled = (o: Outcome) => (o.status === 200 && o.hasData && o.code === undefined) || (o.status === 429 && o.code === 'THROTTLED' && o.retryAfter !== null);

/**
 * Two gateway replicas as separate processes sharing one Redis (through a TCP proxy the test can cut)
 * and the test's key prefix, in front of the real subgraphs. LIMITS_EXPECTED_REPLICAS=2 and the
 * default failure policy (`local`).
 */
describe.skipIf(redisUrl === null)('demand control across two gateway processes sharing Redis', () => {
  let run: GatewayReplicas;
  let admin: Record<string, string>;
  const gateways = () => run.replicas;
  const urls = () => run.replicas.map((g) => `${g.url}/graphql`);
  const once = (gateway: GatewayProcess, query: string, headers: Record<string, string>) => send(`${gateway.url}/graphql`, headers, query);

  beforeAll(async () => {
    const env = {
      LIMITS_EXPECTED_REPLICAS: '2',
      // The proxy to Redis runs in this test process, which also serves the subgraphs: on a busy
      // machine its scheduling delays would pass for a slow Redis. A cut connection still fails at once.
      LIMITS_REDIS_TIMEOUT_MS: '1000',
    };
    run = await startGatewayReplicas(redisUrl!, [env, env]);
    admin = bearer(await hsToken({ roles: ['platform_admin'] }));
  }, 120_000);

  afterAll(async () => {
    // Both replicas were still up and shut down cleanly.
    if (run) expect(await run.close()).toEqual([0, 0]);
  }, 60_000);

  it('admits at most capacity + restoreRate × elapsed + one operation for 200 clients over both processes, and another tenant is unaffected', async () => {
    const capacity = 120;
    const restoreRate = 20;
    const busy = await createLimitedTenant(run.system, admin, { bucketCapacity: capacity, restoreRatePerSecond: restoreRate, ...UNLIMITED_RATE });
    const calm = await createLimitedTenant(run.system, admin, { bucketCapacity: 1_000_000, restoreRatePerSecond: 1_000_000, ...UNLIMITED_RATE });
    // Each process looks both tenants up before the run, with an operation that costs 0.
    for (const gateway of gateways()) for (const tenant of [busy, calm]) expect((await once(gateway, FREE, tenant.headers)).status).toBe(200);

    const [crowd, other] = await Promise.all([
      runLoadInProcess({ urls: urls(), headers: busy.headers, query: STANDARDS_5, clients: 200, durationMs: 3_000 }),
      runLoadInProcess({ urls: urls(), headers: calm.headers, query: STANDARDS_5, clients: 4, durationMs: 3_000 }),
    ]);

    expect(unexpected(crowd, answeredOrThrottled)).toEqual([]);
    const admitted = crowd.filter((o) => o.status === 200);
    // Estimate = actual here, so nothing is refunded: every admitted operation keeps its 6 points.
    expect(admitted.every((o) => o.requestedCost === COST_5 && o.actualCost === COST_5)).toBe(true);
    expect(admittedCost(crowd)).toBeLessThanOrEqual(capacity + restoreRate * spanSeconds(crowd) + COST_5);
    // The budget, not the load, was the limit, and both processes drew on it.
    expect(crowd.filter((o) => o.status === 429).length).toBeGreaterThan(admitted.length);
    for (const target of [0, 1]) expect(admitted.filter((o) => o.target === target).length).toBeGreaterThan(0);

    expect(unexpected(other, (o) => o.status === 200 && o.hasData && o.actualCost === COST_5)).toEqual([]);
    for (const target of [0, 1]) expect(other.filter((o) => o.target === target).length).toBeGreaterThan(0);
    expect(gateways().every((g) => g.alive())).toBe(true);
  });

  it('falls back to each process’s share of the budget while Redis is cut, answers every request, and shares the budget again once Redis is back', async () => {
    const capacity = 120;
    const restoreRate = 20;
    const tenant = await createLimitedTenant(run.system, admin, { bucketCapacity: capacity, restoreRatePerSecond: restoreRate, ...UNLIMITED_RATE });
    for (const gateway of gateways()) expect((await once(gateway, FREE, tenant.headers)).status).toBe(200);

    // Redis is cut one second into a three-second run of 200 clients.
    let cutAt = Number.POSITIVE_INFINITY;
    let cutTimer: NodeJS.Timeout | undefined;
    const outcomes = await runLoadInProcess({ urls: urls(), headers: tenant.headers, query: STANDARDS_5, clients: 200, durationMs: 3_000 }, () => {
      cutTimer = setTimeout(() => {
        run.proxy.interrupt();
        cutAt = epochNow();
      }, 1_000);
    });
    clearTimeout(cutTimer);

    // Every request got an answer (none was aborted by its client), each an operation or a THROTTLED.
    expect(unexpected(outcomes, answeredOrThrottled)).toEqual([]);
    expect(gateways().every((g) => g.alive())).toBe(true);
    // A request sent after the cut can only have been decided by its process's local bucket: at most
    // capacity ÷ 2, restoring at restoreRate ÷ 2 (LIMITS_EXPECTED_REPLICAS=2), starting from that share
    // of what Redis last reported. It admits some (the budget still restores) and refuses the rest.
    for (const target of [0, 1]) {
      const local = outcomes.filter((o) => o.target === target && o.sentAt > cutAt);
      const outageSeconds = (Math.max(...local.map((o) => o.doneAt)) - cutAt) / 1000;
      expect(local.filter((o) => o.status === 200).length).toBeGreaterThan(0);
      expect(local.filter((o) => o.status === 429).length).toBeGreaterThan(0);
      expect(admittedCost(local)).toBeLessThanOrEqual(capacity / 2 + (restoreRate / 2) * outageSeconds + COST_5);
    }
    expect(gateways().every((g) => g.output().includes('limits decided without Redis'))).toBe(true);

    run.proxy.resume();
    // Each process uses Redis again: a tenant it has never budgeted gets its bucket created there.
    for (const gateway of gateways()) {
      const fresh = await createLimitedTenant(run.system, admin, UNLIMITED_RATE);
      await eventually(async () => (await once(gateway, FREE, fresh.headers)).status === 200 && (await run.costKeyExists(fresh.id)), 30_000);
    }
    // And they share one budget again: drained through the first, the second refuses at once,
    // although its local bucket for this tenant (never used) would hold the operation.
    const shared = await createLimitedTenant(run.system, admin, { bucketCapacity: 2 * COST_50, restoreRatePerSecond: 1, ...UNLIMITED_RATE });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await once(gateways()[0]!, STANDARDS_50, shared.headers)).status);
    expect(statuses).toEqual([200, 200, 429]);
    expect(await once(gateways()[1]!, STANDARDS_50, shared.headers)).toMatchObject({ status: 429, code: 'THROTTLED' });
    for (const gateway of gateways()) expect((await fetch(`${gateway.url}/readyz`)).status).toBe(200);
  }, 90_000);
});
