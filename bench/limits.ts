/**
 * `npm run bench -- limits`: what per-tenant demand control costs in throughput. One tenant's query
 * goes through three gateways in front of the same (real) subgraphs, loaded at the same time in
 * every round so whatever else the machine does hits them alike (see bench/limits-gateways.ts):
 * OFF (no demand control), REDIS (shared bucket and rates in Redis) and MEMORY (in-process).
 * With limits on, each request runs the structural checks, the cached cost estimate, the request
 * rates and the bucket debit (one EVALSHA on Redis) and, after execution, the actual cost and the
 * refund (coalesced per tenant, off the response path), adds `extensions.cost` and queues a usage
 * record. The tenant's limits are raised so that nothing is refused: the work is the same, the
 * answers stay 200.
 * Reported: medians over the rounds, and ON/OFF ratios computed per round.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { isDeepStrictEqual, parseArgs } from 'node:util';
import { createRedisStore } from '@academy/cache';
import { composeSupergraph } from '@academy/embedded';
import { SignJWT } from 'jose';
import { deleteKeys, silentLogger } from '../gateway/test/limits-support';
import { LIMITS_MODES, type LimitsGatewayOptions, type LimitsMode } from './limits-gateways';
import {
  type ChildService,
  formatNumber,
  formatTable,
  type GatewayTargetInfo,
  generateContextKeyPems,
  LOAD_LIMITS,
  type LoadResult,
  machineInfo,
  numberArg,
  runLoad,
  type SubgraphsInfo,
  startInChild,
  type Target,
  verifyTarget,
  writeResult,
} from './support';

const QUERIES = {
  plans: /* GraphQL */ `
    query BenchLimitsPlans {
      plans { code name limits { maxOperationCost bucketCapacity requestsPerMinute maxDepth } }
    }
  `,
  standards: /* GraphQL */ `
    query BenchLimitsStandards {
      competencyStandards(first: 20) { totalCount nodes { code title level sector committee } }
    }
  `,
} as const;
const JWT_SECRET = 'bench-limits-hs256-secret-0123456789abcdef';
const LABELS: Record<LimitsMode, string> = { off: 'OFF (no demand control)', redis: 'ON, Redis', memory: 'ON, in memory' };
/** The most a tenant override may be: nothing is refused, every check still runs. */
const UNLIMITED = 1_000_000_000;

function parseOptions(args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      duration: { type: 'string' },
      warmup: { type: 'string' },
      connections: { type: 'string' },
      rounds: { type: 'string' },
      query: { type: 'string', default: 'plans' },
      redis: { type: 'string', default: 'redis://127.0.0.1:6379' },
      'lease-ms': { type: 'string' },
    },
  });
  if (!(values.query! in QUERIES)) throw new Error(`--query takes one of ${Object.keys(QUERIES).join(', ')}; got ${values.query}`);
  return {
    query: values.query as keyof typeof QUERIES,
    redis: values.redis!,
    duration: numberArg(values.duration, 'duration', 10, { min: 1, max: LOAD_LIMITS.maxDurationSeconds }),
    warmup: numberArg(values.warmup, 'warmup', 3, { min: 0, max: 30 }),
    connections: numberArg(values.connections, 'connections', 10, { min: 1, max: LOAD_LIMITS.maxConnections, integer: true }),
    rounds: numberArg(values.rounds, 'rounds', 5, { min: 1, max: 9, integer: true }),
    leaseMs: numberArg(values['lease-ms'], 'lease-ms', 100, { min: 0, max: 10_000, integer: true }),
  };
}

interface Sample {
  load: LoadResult;
  gatewayMicrosPerRequest: number;
  /** Lua scripts Redis ran per request of the Redis gateway (admissions and lease returns; the only gateway that runs any). */
  scriptsPerRequest?: number;
  /** Limit decisions the failure policy made because Redis missed its deadline. */
  degraded: number;
}

/** Scripts Redis has run (EVALSHA and EVAL), from INFO commandstats. */
async function scriptCalls(redis: NonNullable<ReturnType<typeof createRedisStore>['redis']>): Promise<number> {
  const info = await redis.info('commandstats');
  return [...info.matchAll(/^cmdstat_eval(?:sha)?:calls=(\d+)/gm)].reduce((total, match) => total + Number(match[1]), 0);
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const sum = (counters: Record<string, number>) => Object.values(counters).reduce((a, b) => a + b, 0);

async function sign(claims: Record<string, unknown>, subject: string): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setSubject(subject).setExpirationTime('2h').sign(new TextEncoder().encode(JWT_SECRET));
}

/** Lifts the tenant's limits through the gateway, as an operator would (`updateTenantSettings`). */
async function liftLimits(url: string, tenantId: string): Promise<void> {
  const limitOverrides = { maxOperationCost: UNLIMITED, bucketCapacity: UNLIMITED, restoreRatePerSecond: UNLIMITED, requestsPerMinute: UNLIMITED, callerRequestsPerMinute: UNLIMITED };
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await sign({ roles: ['platform_admin'] }, 'bench-operator')}` },
    body: JSON.stringify({ query: 'mutation($id: ID!, $i: UpdateTenantSettingsInput!) { updateTenantSettings(id: $id, input: $i) { id } }', variables: { id: tenantId, i: { limitOverrides } } }),
  });
  const json = (await response.json()) as { errors?: unknown[] };
  if (json.errors) throw new Error(`could not lift the tenant's limits: ${JSON.stringify(json.errors)}`);
}

export async function run(args: string[]): Promise<void> {
  const options = parseOptions(args);
  const machine = machineInfo();
  console.log(`npm run bench -- limits ${args.join(' ')}\n${machine.cpus} CPUs (${machine.cpuModel}), node ${machine.node}, commit ${machine.commit ?? 'unknown'}`);
  console.log(`query ${options.query}; LIMITS_LEASE_MS ${options.leaseMs}; ${options.rounds} round(s), all three gateways loaded at once, ${options.connections} connections each, ${options.warmup} s warm-up + ${options.duration} s\n`);

  const probe = createRedisStore({ url: options.redis, logger: silentLogger, commandTimeoutMs: 2000 });
  try {
    await probe.readiness().check();
  } catch (error) {
    await probe.close();
    throw new Error(`this benchmark needs Redis (--redis ${options.redis}): ${(error as Error).message}`);
  }

  const prefix = `bench-limits-${randomUUID().slice(0, 8)}`;
  const keys = await generateContextKeyPems();
  const { supergraphSdl } = await composeSupergraph('127.0.0.1');
  const child = <T>(name: string, module: string, exportName: string, starterOptions: unknown) =>
    startInChild<T>({ name, module, export: exportName, options: starterOptions, env: { ...process.env, NODE_ENV: 'production' } });
  const children: ChildService<unknown>[] = [];
  try {
    const subgraphs = await child<SubgraphsInfo>('subgraphs', join(__dirname, 'support', 'subgraphs.ts'), 'startSubgraphs', { keys });
    children.push(subgraphs);
    const gateways = {} as Record<LimitsMode, ChildService<GatewayTargetInfo>>;
    for (const mode of LIMITS_MODES) {
      const starter: LimitsGatewayOptions = { keys, supergraphSdl, subgraphUrls: subgraphs.info.urls, jwtSecret: JWT_SECRET, mode, redisUrl: options.redis, prefix, leaseMs: options.leaseMs };
      gateways[mode] = await child<GatewayTargetInfo>(`limits-${mode}`, join(__dirname, 'limits-gateways.ts'), 'startLimitsGateway', starter);
      children.push(gateways[mode]);
    }

    const tenantId = subgraphs.info.demoTenants.acme;
    if (!tenantId) throw new Error('the subgraphs seeded no tenant "acme"');
    // Before any gateway has looked the tenant up, so all of them load it with these limits.
    await liftLimits(gateways.off.info.url, tenantId);

    const headers = { authorization: `Bearer ${await sign({ tenant: 'acme', roles: ['learner'] }, 'bench-learner')}`, 'x-tenant-id': 'acme' };
    const body = JSON.stringify({ query: QUERIES[options.query] });
    const targets = {} as Record<LimitsMode, Target>;
    for (const mode of LIMITS_MODES) targets[mode] = { name: LABELS[mode], url: gateways[mode].info.url, body, headers, processes: { gateway: gateways[mode], subgraphs } };
    const answers = {} as Record<LimitsMode, Awaited<ReturnType<typeof verifyTarget>>>;
    for (const mode of LIMITS_MODES) answers[mode] = await verifyTarget(targets[mode]);
    if (!LIMITS_MODES.every((mode) => isDeepStrictEqual(answers[mode].data, answers.off.data))) throw new Error('the gateways answered different data');
    // Demand control ran where it should, and only there.
    for (const mode of LIMITS_MODES) {
      const cost = (JSON.parse(answers[mode].text) as { extensions?: { cost?: unknown } }).extensions?.cost;
      if ((cost !== undefined) !== (mode !== 'off')) throw new Error(`${LABELS[mode]}: extensions.cost ${cost === undefined ? 'missing' : 'present'}`);
    }

    // ON answers differ in extensions.cost.throttleStatus.currentlyAvailable, so only OFF is compared byte for byte;
    // a refusal would be a non-2xx.
    const loadAll = (duration: number) =>
      Promise.all(
        LIMITS_MODES.map((mode) =>
          runLoad({ url: targets[mode].url, body, headers, duration, connections: options.connections, expectBody: mode === 'off' ? answers.off.text : undefined }),
        ),
      );
    const samples: Record<LimitsMode, Sample[]> = { off: [], redis: [], memory: [] };
    for (let round = 1; round <= options.rounds; round++) {
      if (options.warmup > 0) await loadAll(options.warmup);
      const before = await Promise.all(LIMITS_MODES.map((mode) => Promise.all([gateways[mode].cpu(), gateways[mode].counters()])));
      const scriptsBefore = await scriptCalls(probe.redis!);
      const loads = await loadAll(options.duration);
      const scripts = (await scriptCalls(probe.redis!)) - scriptsBefore;
      const after = await Promise.all(LIMITS_MODES.map((mode) => Promise.all([gateways[mode].cpu(), gateways[mode].counters()])));
      const line = LIMITS_MODES.map((mode, i) => {
        const load = loads[i]!;
        const sample = {
          load,
          gatewayMicrosPerRequest: (after[i]![0].cpuMicros - before[i]![0].cpuMicros) / Math.max(1, load.requests),
          degraded: sum(after[i]![1]) - sum(before[i]![1]),
          ...(mode === 'redis' ? { scriptsPerRequest: scripts / Math.max(1, load.requests) } : {}),
        };
        samples[mode].push(sample);
        const bad = load.errors + load.non2xx + load.mismatches;
        const scriptNote = sample.scriptsPerRequest === undefined ? '' : `, ${sample.scriptsPerRequest.toFixed(2)} scripts/req`;
        return `${mode} ${formatNumber(load.requestsPerSecond)} req/s, ${formatNumber(sample.gatewayMicrosPerRequest)} µs${scriptNote}${bad ? `, ${bad} bad` : ''}${sample.degraded ? `, ${sample.degraded} without Redis` : ''}`;
      });
      console.log(`round ${round}: ${line.join(' | ')}`);
    }

    const summary = Object.fromEntries(
      LIMITS_MODES.map((mode) => {
        const s = samples[mode];
        return [
          mode,
          {
            requestsPerSecond: median(s.map((x) => x.load.requestsPerSecond)),
            p50: median(s.map((x) => x.load.latencyMs.p50)),
            p99: median(s.map((x) => x.load.latencyMs.p99)),
            gatewayMicrosPerRequest: median(s.map((x) => x.gatewayMicrosPerRequest)),
            bad: s.reduce((total, x) => total + x.load.errors + x.load.non2xx + x.load.mismatches, 0),
            degraded: s.reduce((total, x) => total + x.degraded, 0),
          },
        ];
      }),
    ) as Record<LimitsMode, { requestsPerSecond: number; p50: number; p99: number; gatewayMicrosPerRequest: number; bad: number; degraded: number }>;
    console.log(
      `\n${formatTable(
        ['gateway (medians of the rounds)', 'req/s', 'p50 ms', 'p99 ms', 'gateway CPU µs/req', 'errors + non-2xx + mismatches', 'decided without Redis'],
        LIMITS_MODES.map((mode) => [
          LABELS[mode],
          formatNumber(summary[mode].requestsPerSecond),
          summary[mode].p50,
          summary[mode].p99,
          formatNumber(summary[mode].gatewayMicrosPerRequest),
          summary[mode].bad,
          mode === 'redis' ? summary[mode].degraded : '–',
        ]),
      )}`,
    );
    // Per round, so both sides of each ratio saw the same machine.
    const ratio = (a: LimitsMode, pick: (s: Sample) => number) => median(samples[a].map((s, i) => pick(s) / pick(samples.off[i]!)));
    const ratios = {
      redisThroughput: ratio('redis', (s) => s.load.requestsPerSecond),
      memoryThroughput: ratio('memory', (s) => s.load.requestsPerSecond),
      redisCpu: ratio('redis', (s) => s.gatewayMicrosPerRequest),
      memoryCpu: ratio('memory', (s) => s.gatewayMicrosPerRequest),
    };
    const loss = (r: number) => `${((1 - r) * 100).toFixed(1)} % loss`;
    console.log(`\nthroughput ON/OFF, Redis:     ${ratios.redisThroughput.toFixed(3)}× (${loss(ratios.redisThroughput)}; target < 5 %: ${1 - ratios.redisThroughput < 0.05 ? 'met' : 'NOT met'})`);
    console.log(`throughput ON/OFF, in memory: ${ratios.memoryThroughput.toFixed(3)}× (${loss(ratios.memoryThroughput)})`);
    console.log(`gateway CPU per request ON/OFF: Redis ${ratios.redisCpu.toFixed(3)}×, in memory ${ratios.memoryCpu.toFixed(3)}×`);
    console.log(`Redis scripts per request (LIMITS_LEASE_MS ${options.leaseMs}): ${median(samples.redis.map((s) => s.scriptsPerRequest ?? 0)).toFixed(2)}`);
    const path = await writeResult('limits', { benchmark: 'limits', date: new Date().toISOString(), machine, options, query: QUERIES[options.query], samples, summary, ratios });
    console.log(`\nresult: ${path}`);
  } finally {
    for (const c of children.splice(0).reverse()) await c.close();
    await deleteKeys(options.redis, `${prefix}:`);
    await probe.close();
  }
}
