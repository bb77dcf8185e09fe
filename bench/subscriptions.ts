/**
 * `npm run bench -- subscriptions [--subscribers 1000] [--rate 10] [--duration 10] [--modes direct,gateway,federated,shared]`: many graphql-ws
 * subscribers of one tenant, `progress.recorded` events published on the bus at a fixed rate, and the
 * delay from publish to receipt at each subscriber. Three runs, one after another on one system:
 * - direct: subscribers connect to the analytics subgraph itself (context token signed here) — the baseline;
 * - gateway: the same selection through the gateway, one instructor per subscriber (distinct principals:
 *   one upstream socket and one execution per subscriber);
 * - federated: as gateway, with `standard { code title }`, a conocer fetch per event and subscriber;
 * - shared: the federated selection by one principal for all (N tabs of one user, or one partner key's
 *   consumers): the gateway shares one upstream and one execution per event between them.
 * The system runs in this thread (the embedded default: gateway and subgraphs in one process), the
 * subscribers in a worker thread, so their own work runs beside it rather than in its event loop;
 * compare the runs with each other, not with another machine.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { composeSupergraph, loadEmbeddedEnvironment, startEmbeddedSystem } from '@academy/embedded';
import { newEvent } from '@academy/event-bus';
import { CONTEXT_TOKEN_HEADER, createContextTokenSigner, createLogger, type Principal } from '@academy/service-kit';
import { SignJWT } from 'jose';
import { formatNumber, formatRatio, formatTable, machineInfo, numberArg, writeResult } from './support';
import type { ClientCommand, ClientReply } from './support/subscription-clients';

const JWT_SECRET = 'bench-subscriptions-hs256-secret-0123456789';
const SELECTIONS = {
  direct: 'subscription { progressUpdated { id percent courseId } }',
  gateway: 'subscription { progressUpdated { id percent courseId } }',
  federated: 'subscription { progressUpdated { id percent courseId standard { code title } } }',
  shared: 'subscription { progressUpdated { id percent courseId standard { code title } } }',
} as const;
type Mode = keyof typeof SELECTIONS;

interface RunResult {
  mode: Mode;
  delivered: number;
  expected: number;
  eventsPerSecond: number;
  p50: number;
  p99: number;
  max: number;
  heapPerSubscriptionKiB: number;
  /** Set when not every subscriber received a warm-up event within a minute; nothing was measured. */
  failure?: string;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Heap in use after a full collection when `--expose-gc` is on (`npm run bench` sets it), so the per-subscription figure is not GC timing. */
function settledHeap(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed;
}

export async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { subscribers: { type: 'string' }, rate: { type: 'string' }, duration: { type: 'string' }, modes: { type: 'string' } } });
  const modes = (values.modes ?? Object.keys(SELECTIONS).join(',')).split(',') as Mode[];
  const unknown = modes.filter((mode) => !(mode in SELECTIONS));
  if (unknown.length > 0 || modes[0] !== 'direct') throw new Error(`--modes: a comma-separated list starting with direct, of ${Object.keys(SELECTIONS).join(', ')}`);
  const subscribers = numberArg(values.subscribers, '--subscribers', 1000, { min: 1, max: 20_000, integer: true });
  const rate = numberArg(values.rate, '--rate', 10, { min: 0.1, max: 1000 });
  const duration = numberArg(values.duration, '--duration', 10, { min: 1, max: 600 });

  const source = { NODE_ENV: 'test', LOG_LEVEL: 'error', JWT_HS256_SECRET: JWT_SECRET, SEED_DEMO: 'true' } as NodeJS.ProcessEnv;
  const env = loadEmbeddedEnvironment({ ...source, GATEWAY_PORT: '0', TENANCY_PORT: '0', CONOCER_PORT: '0', ANALYTICS_PORT: '0', CONOCER_SANDBOX_PORT: '0', DATA_DIR: ':memory:', HOST: '127.0.0.1' });
  const system = await startEmbeddedSystem({ env, source, logger: createLogger({ service: 'bench', level: 'error' }), supergraphSdl: (await composeSupergraph()).supergraphSdl });
  const tenantId = system.demoTenants.acme;
  // Plenty of subscription slots and budget: this measures delivery, not the limits.
  const admin = await new SignJWT({ roles: ['platform_admin'] }).setProtectedHeader({ alg: 'HS256' }).setSubject('bench-admin').setExpirationTime('1h').sign(new TextEncoder().encode(JWT_SECRET));
  const lifted = await fetch(system.gateway.graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
    body: JSON.stringify({
      query: 'mutation($id: ID!, $i: UpdateTenantSettingsInput!) { updateTenantSettings(id: $id, input: $i) { id } }',
      variables: { id: tenantId, i: { limitOverrides: { maxSubscriptions: subscribers + 10, requestsPerMinute: 100_000, callerRequestsPerMinute: 100_000, bucketCapacity: 1_000_000, restoreRatePerSecond: 100_000 } } },
    }),
  });
  const liftedText = await lifted.text();
  if (!lifted.ok || liftedText.includes('"errors"')) throw new Error(`could not lift the tenant's limits: HTTP ${lifted.status} ${liftedText.slice(0, 500)}`);
  const tokenFor = (subject: string) =>
    new SignJWT({ tenant: 'acme', roles: ['instructor'] }).setProtectedHeader({ alg: 'HS256' }).setSubject(subject).setExpirationTime('1h').sign(new TextEncoder().encode(JWT_SECRET));
  const sharedToken = await tokenFor('bench-instructor');
  const tokens = await Promise.all(Array.from({ length: subscribers }, (_, index) => tokenFor(`bench-instructor-${index}`)));
  const signer = createContextTokenSigner(system.gateway.contextKeys, 3600);
  const principal: Principal = { tenantId, plan: 'PRO', subject: 'bench-instructor', roles: ['instructor'], scopes: [], authMethod: 'jwt', requestId: randomUUID(), flags: [] };

  const clients = new Worker(join(__dirname, 'support', 'subscription-clients.ts'));
  /** One command to the clients' thread and its reply (they answer in order). */
  const ask = (command: ClientCommand): Promise<ClientReply['value']> =>
    new Promise((resolve) => {
      clients.once('message', (reply: ClientReply) => resolve(reply.value));
      clients.postMessage(command);
    });
  const clock = () => performance.timeOrigin + performance.now();

  /** Publish times of the measured events (warm-up events are not measured). */
  const published = new Map<string, number>();
  async function publish(percent: number, measured: boolean): Promise<void> {
    const id = randomUUID();
    const now = new Date().toISOString();
    if (measured) {
      clients.postMessage({ type: 'measure', id });
      published.set(id, clock());
    }
    await system.infrastructure.bus.publish(newEvent('progress.recorded', tenantId, { id, learnerId: 'ana.lopez', courseId: 'bench', standardCode: 'EC0217.01', percent, occurredAt: now, receivedAt: now }));
  }

  async function measure(mode: Mode): Promise<RunResult> {
    const heapBefore = settledHeap();
    const url = mode === 'direct' ? system.subgraphs.analytics.url.replace(/^http/, 'ws') : system.gateway.graphqlUrl.replace(/^http/, 'ws');
    const direct = { [CONTEXT_TOKEN_HEADER]: await signer.sign(principal, 'analytics') };
    const params = Array.from({ length: subscribers }, (_, index) =>
      mode === 'direct' ? direct : { Authorization: `Bearer ${mode === 'shared' ? sharedToken : tokens[index]}`, 'X-Tenant-Id': 'acme' },
    );
    await ask({ type: 'open', url, query: SELECTIONS[mode], params });
    // Warm-up: publish until every subscriber has received something (all upstreams open).
    for (let i = 0; ((await ask({ type: 'silent' })) as number) > 0; i++) {
      if (i > 600) {
        const failure = `warm-up: ${await ask({ type: 'silent' })} of ${subscribers} subscribers received nothing in 60 s; errors: ${JSON.stringify(await ask({ type: 'errors' }))}`;
        await ask({ type: 'close' });
        return { mode, delivered: 0, expected: 0, eventsPerSecond: 0, p50: Number.NaN, p99: Number.NaN, max: Number.NaN, heapPerSubscriptionKiB: Number.NaN, failure };
      }
      await publish(0, false);
      await sleep(100);
    }
    await sleep(500);
    const heapOpen = settledHeap();
    const events = rate * duration;
    const started = performance.now();
    for (let i = 0; i < events; i++) {
      const due = started + (i * 1000) / rate;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      await publish(i % 100, true);
    }
    // Let the last events arrive.
    const deadline = performance.now() + 5_000;
    while (((await ask({ type: 'count' })) as number) < events * subscribers && performance.now() < deadline) await sleep(50);
    const elapsed = (performance.now() - started) / 1000;
    const receipts = (await ask({ type: 'collect' })) as [string, number][];
    const latencies = receipts.map(([id, at]) => at - published.get(id)!).sort((a, b) => a - b);
    published.clear();
    await ask({ type: 'close' });
    await sleep(500);
    return {
      mode,
      delivered: latencies.length,
      expected: events * subscribers,
      eventsPerSecond: latencies.length / elapsed,
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      max: latencies[latencies.length - 1] ?? Number.NaN,
      heapPerSubscriptionKiB: (heapOpen - heapBefore) / subscribers / 1024,
    };
  }

  try {
    const results: RunResult[] = [];
    for (const mode of modes) {
      console.log(`${mode}: ${subscribers} subscribers, ${rate} events/s for ${duration} s …`);
      results.push(await measure(mode));
    }
    const [direct] = results;
    console.log(`\n${subscribers} subscribers × ${rate} events/s × ${duration} s (${machineInfo().cpus} cores)\n`);
    console.log(
      formatTable(
        ['run', 'delivered', 'events/s', 'p50 ms', 'p99 ms', 'max ms', 'p99 vs direct', 'heap KiB/sub'],
        results.map((r) => [
          r.mode,
          `${formatNumber(r.delivered)}/${formatNumber(r.expected)}`,
          formatNumber(r.eventsPerSecond),
          formatNumber(r.p50, 1),
          formatNumber(r.p99, 1),
          formatNumber(r.max, 1),
          formatRatio(r.p99, direct.p99),
          formatNumber(r.heapPerSubscriptionKiB, 1),
        ]),
      ),
    );
    for (const r of results.filter((result) => result.failure)) console.log(`${r.mode}: ${r.failure}`);
    await writeResult('subscriptions', { machine: machineInfo(), subscribers, rate, duration, results });
  } finally {
    await clients.terminate();
    await system.close();
  }
}
