import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { composeSupergraph, type EmbeddedSystem } from '@academy/embedded';
import { createGateway, type Gateway, loadGatewayEnvironment } from '@academy/gateway';
import { createLogger } from '@academy/service-kit';
import { startTcpProxy, type TcpProxy } from '@academy/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, eventually, hsToken, postRaw, startAuthSystem, TEST_HS256_SECRET } from './support/auth-system';
import { liftCallerRate } from './support/tenants';

/**
 * A front for a subgraph that answers the next `failures` POSTs with 503 itself and forwards the rest:
 * a subgraph whose instances briefly fail, as behind a load balancer during a deploy.
 */
async function startFlakyFront(target: string) {
  let failures = 0;
  let requests = 0;
  let delayMs = 0;
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    requests += 1;
    if (delayMs) await new Promise((resolve) => setTimeout(resolve, delayMs));
    if (failures > 0) {
      failures -= 1;
      res.writeHead(503, { 'content-type': 'text/plain' }).end('unavailable');
      return;
    }
    const headers = Object.fromEntries(Object.entries(req.headers).filter(([name]) => !['host', 'content-length', 'connection'].includes(name))) as Record<string, string>;
    const answer = await fetch(target, { method: req.method, headers, body: Buffer.concat(chunks) });
    res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' }).end(Buffer.from(await answer.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    failNext(count: number) {
      failures = count;
      requests = 0;
    },
    requests: () => requests,
    /** Holds every request this long, so concurrent ones overlap. */
    delay(ms: number) {
      delayMs = ms;
      requests = 0;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('subgraph failures through the gateway', () => {
  let system: EmbeddedSystem;
  let gateway: Gateway;
  let conocerProxy: TcpProxy;
  let analyticsFront: Awaited<ReturnType<typeof startFlakyFront>>;
  let headers: Record<string, string>;

  beforeAll(async () => {
    system = await startAuthSystem();
    const conocer = new URL(system.subgraphs.conocer.url);
    conocerProxy = await startTcpProxy(conocer.hostname, Number(conocer.port));
    analyticsFront = await startFlakyFront(`${system.subgraphs.analytics.url}`);
    gateway = await createGateway({
      env: loadGatewayEnvironment({
        NODE_ENV: 'test',
        LOG_LEVEL: 'silent',
        TENANCY_MODE: 'multi',
        JWT_HS256_SECRET: TEST_HS256_SECRET,
        SUBGRAPH_BREAKER_FAILURES: '3',
        SUBGRAPH_BREAKER_HALF_OPEN_MS: '300',
        SUBGRAPH_MAX_RETRIES: '1',
        SUBGRAPH_TIMEOUTS_MS: 'conocer=2000',
      }),
      logger: createLogger({ service: 'e2e-resilience', level: 'silent' }),
      contextKeys: system.gateway.contextKeys,
      supergraphSdl: (await composeSupergraph()).supergraphSdl,
      subgraphUrls: {
        tenancy: system.subgraphs.tenancy.url,
        conocer: `http://127.0.0.1:${conocerProxy.port}${conocer.pathname}`,
        analytics: analyticsFront.url,
      },
      infrastructure: system.infrastructure,
    });
    await gateway.listen(0, '127.0.0.1');
    headers = { ...bearer(await hsToken({ sub: 'resilience-learner', tenant: 'acme', roles: ['learner'] })), 'x-tenant-id': 'acme' };
  });

  afterAll(async () => {
    await gateway?.close();
    await conocerProxy?.close();
    await analyticsFront?.close();
    await system?.close();
  });

  const post = (query: string, variables: Record<string, unknown> = {}) => postRaw(gateway.url, '/graphql', JSON.stringify({ query, variables }), headers);
  const MIXED = '{ plans { code } competencyStandard(code: "EC0217.01") { title } }';

  it('serves the rest of a response when a subgraph is down, opens its circuit, and recovers when it is back', async () => {
    expect((await post(MIXED)).body.errors).toBeUndefined();

    conocerProxy.interrupt();
    const partial = await post(MIXED);
    expect(partial.status).toBe(200);
    expect(partial.body.data).toMatchObject({ plans: expect.any(Array), competencyStandard: null });
    expect(partial.body.errors?.[0]?.extensions).toMatchObject({ code: 'DOWNSTREAM_SERVICE_ERROR', serviceName: 'conocer' });

    // Three consecutive failures open the circuit: calls fail at once, without reaching the subgraph.
    await post(MIXED);
    await post(MIXED);
    expect(gateway.circuits().conocer.state()).toBe('open');
    const fast = await post(MIXED);
    expect(fast.body.errors?.[0]?.extensions).toMatchObject({ code: 'DOWNSTREAM_SERVICE_ERROR', serviceName: 'conocer', circuit: 'open' });
    expect(fast.body.data).toMatchObject({ plans: expect.any(Array) });

    conocerProxy.resume();
    const recovered = await eventually(async () => {
      const reply = await post(MIXED);
      return reply.body.errors === undefined ? reply : undefined;
    });
    expect(recovered.body.data).toMatchObject({ competencyStandard: { title: expect.stringMatching(/\S/) } });
    expect(gateway.circuits().conocer.state()).toBe('closed');
  });

  it('retries a query that hit a failing instance, never a mutation', async () => {
    analyticsFront.failNext(1);
    const query = await post('{ progressEvents(first: 1) { totalCount } }');
    expect(query.body.errors).toBeUndefined();
    expect(analyticsFront.requests()).toBe(2);

    analyticsFront.failNext(1);
    const mutation = await post('mutation($i: RecordProgressInput!) { recordProgress(input: $i) { id } }', {
      i: { learnerId: 'resilience-learner', courseId: 'retry-course', percent: 10 },
    });
    expect(mutation.body.errors?.[0]?.extensions).toMatchObject({ code: 'DOWNSTREAM_SERVICE_ERROR', serviceName: 'analytics', subgraphHttpStatus: 503 });
    expect(analyticsFront.requests()).toBe(1);
  });

  it('runs identical queries in flight at once a single time per caller, never across callers', async () => {
    analyticsFront.delay(300);
    const query = JSON.stringify({ query: '{ progressEvents(first: 3) { totalCount nodes { courseId } } }' });
    const same = await Promise.all(Array.from({ length: 5 }, () => postRaw(gateway.url, '/graphql', query, headers)));
    expect(same.map((reply) => reply.status)).toEqual([200, 200, 200, 200, 200]);
    expect(new Set(same.map((reply) => JSON.stringify(reply.body.data))).size).toBe(1);
    // Each response still carries its own cost extension.
    expect(same.every((reply) => reply.body.extensions?.cost)).toBe(true);
    expect(analyticsFront.requests()).toBe(1);

    analyticsFront.delay(300);
    const callers = await Promise.all([1, 2, 3].map(async (n) => ({ ...bearer(await hsToken({ sub: `learner-${n}`, tenant: 'acme', roles: ['learner'] })), 'x-tenant-id': 'acme' })));
    await Promise.all(callers.map((caller) => postRaw(gateway.url, '/graphql', query, caller)));
    expect(analyticsFront.requests()).toBe(3);
    analyticsFront.delay(0);
  });
});

describe('supergraph reload under load', () => {
  it('answers every request while the supergraph is reloaded twice mid-run', async () => {
    const system = await startAuthSystem();
    try {
      await liftCallerRate(system, system.demoTenants.acme);
      const { supergraphSdl } = await composeSupergraph();
      const headers = { ...bearer(await hsToken({ tenant: 'acme', roles: ['instructor'] })), 'x-tenant-id': 'acme' };
      const body = JSON.stringify({ query: '{ plans { code } competencyStandard(code: "EC0217.01") { title } }' });
      const failures: unknown[] = [];
      let answered = 0;
      let running = true;
      const client = async () => {
        while (running) {
          const reply = await postRaw(system.gateway.url, '/graphql', body, headers);
          answered += 1;
          if (reply.status !== 200 || reply.body.errors) failures.push(reply.body);
        }
      };
      const clients = Array.from({ length: 8 }, client);
      await new Promise((resolve) => setTimeout(resolve, 300));
      await system.gateway.reload(`${supergraphSdl}\n# reload 1\n`);
      await new Promise((resolve) => setTimeout(resolve, 300));
      await system.gateway.reload(`${supergraphSdl}\n# reload 2\n`);
      await new Promise((resolve) => setTimeout(resolve, 300));
      running = false;
      await Promise.all(clients);
      expect(answered).toBeGreaterThan(16);
      expect(failures).toEqual([]);
    } finally {
      await system.close();
    }
  });
});
