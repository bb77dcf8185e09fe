/**
 * `npm run bench -- auth`: what tenant resolution, JWT authentication and per-call context signing
 * cost. The same public query goes through gateways in front of the same (real) subgraphs:
 * - ON: multi-tenant mode, `X-Tenant-Id` + a bearer JWT, a context token signed per subgraph call;
 * - OFF: single-tenant mode, anonymous, context tokens signed once at start;
 * - ANONYMOUS: single-tenant, anonymous, signing per call (splits signing from the rest).
 * Each round loads all three at once, with the same connections each, so whatever else the machine
 * does hits them alike (sequential runs on a shared 2-core box differ by more than the effect).
 * The rounds' medians are reported.
 */
import { join } from 'node:path';
import { isDeepStrictEqual, parseArgs } from 'node:util';
import { composeSupergraph } from '@academy/embedded';
import { SignJWT } from 'jose';
import type { AuthGatewayOptions } from './auth-overhead-gateways';
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

/**
 * Public (so an anonymous caller gets the same answer) and answered by one subgraph from a few rows,
 * so the subgraphs stay cheap and the gateway's own share of each request is as large as it gets.
 */
const QUERIES = {
  plans: /* GraphQL */ `
    query BenchAuthPlans {
      plans { code name limits { maxOperationCost bucketCapacity requestsPerMinute maxDepth } }
    }
  `,
  standards: /* GraphQL */ `
    query BenchAuthStandards {
      competencyStandards(first: 20) { totalCount nodes { code title level sector committee } }
    }
  `,
} as const;
const JWT_SECRET = 'bench-auth-overhead-hs256-secret-0123456789';
const MODES = ['off', 'anonymous', 'on'] as const;
type Mode = (typeof MODES)[number];
const LABELS: Record<Mode, string> = { off: 'OFF (single, anonymous, presigned)', anonymous: 'single, anonymous, signing per call', on: 'ON (tenant + JWT + signing)' };

function parseOptions(args: string[]) {
  const { values } = parseArgs({
    args,
    options: { duration: { type: 'string' }, warmup: { type: 'string' }, connections: { type: 'string' }, rounds: { type: 'string' }, query: { type: 'string', default: 'plans' } },
  });
  if (!(values.query! in QUERIES)) throw new Error(`--query takes one of ${Object.keys(QUERIES).join(', ')}; got ${values.query}`);
  return {
    query: values.query as keyof typeof QUERIES,
    duration: numberArg(values.duration, 'duration', 10, { min: 1, max: LOAD_LIMITS.maxDurationSeconds }),
    warmup: numberArg(values.warmup, 'warmup', 3, { min: 0, max: 30 }),
    connections: numberArg(values.connections, 'connections', 10, { min: 1, max: LOAD_LIMITS.maxConnections, integer: true }),
    rounds: numberArg(values.rounds, 'rounds', 3, { min: 1, max: 9, integer: true }),
  };
}

interface Sample {
  load: LoadResult;
  gatewayMicrosPerRequest: number;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

export async function run(args: string[]): Promise<void> {
  const options = parseOptions(args);
  const machine = machineInfo();
  console.log(`npm run bench -- auth ${args.join(' ')}\n${machine.cpus} CPUs (${machine.cpuModel}), node ${machine.node}, commit ${machine.commit ?? 'unknown'}`);
  console.log(`query ${options.query}; ${options.rounds} round(s), all three gateways loaded at once, ${options.connections} connections each, ${options.warmup} s warm-up + ${options.duration} s\n`);

  const keys = await generateContextKeyPems();
  const { supergraphSdl } = await composeSupergraph('127.0.0.1');
  const child = <T>(name: string, module: string, exportName: string, starterOptions: unknown) =>
    startInChild<T>({ name, module, export: exportName, options: starterOptions, env: { ...process.env, NODE_ENV: 'production' } });
  const children: ChildService<unknown>[] = [];
  try {
    const subgraphs = await child<SubgraphsInfo>('subgraphs', join(__dirname, 'support', 'subgraphs.ts'), 'startSubgraphs', { keys });
    children.push(subgraphs);
    const gateways = {} as Record<Mode, ChildService<GatewayTargetInfo>>;
    for (const mode of MODES) {
      const starter: AuthGatewayOptions = { keys, supergraphSdl, subgraphUrls: subgraphs.info.urls, jwtSecret: JWT_SECRET, mode };
      gateways[mode] = await child<GatewayTargetInfo>(`auth-${mode}`, join(__dirname, 'auth-overhead-gateways.ts'), 'startAuthGateway', starter);
      children.push(gateways[mode]);
    }

    const token = await new SignJWT({ tenant: 'acme', roles: ['learner'] }).setProtectedHeader({ alg: 'HS256' }).setSubject('bench-learner').setExpirationTime('2h').sign(new TextEncoder().encode(JWT_SECRET));
    const body = JSON.stringify({ query: QUERIES[options.query] });
    const targets = {} as Record<Mode, Target>;
    for (const mode of MODES) {
      const headers = mode === 'on' ? { authorization: `Bearer ${token}`, 'x-tenant-id': 'acme' } : undefined;
      targets[mode] = { name: LABELS[mode], url: gateways[mode].info.url, body, headers, processes: { gateway: gateways[mode], subgraphs } };
    }
    const answers = {} as Record<Mode, Awaited<ReturnType<typeof verifyTarget>>>;
    for (const mode of MODES) answers[mode] = await verifyTarget(targets[mode]);
    if (!MODES.every((mode) => isDeepStrictEqual(answers[mode].data, answers.off.data))) throw new Error('the gateways answered different data');

    const loadAll = (duration: number) =>
      Promise.all(MODES.map((mode) => runLoad({ url: targets[mode].url, body, headers: targets[mode].headers, duration, connections: options.connections, expectBody: answers[mode].text })));
    const samples: Record<Mode, Sample[]> = { off: [], anonymous: [], on: [] };
    for (let round = 1; round <= options.rounds; round++) {
      if (options.warmup > 0) await loadAll(options.warmup);
      const before = await Promise.all(MODES.map((mode) => gateways[mode].cpu()));
      const loads = await loadAll(options.duration);
      const after = await Promise.all(MODES.map((mode) => gateways[mode].cpu()));
      const line = MODES.map((mode, i) => {
        const load = loads[i]!;
        const sample = { load, gatewayMicrosPerRequest: (after[i]!.cpuMicros - before[i]!.cpuMicros) / Math.max(1, load.requests) };
        samples[mode].push(sample);
        const bad = load.errors + load.non2xx + load.mismatches;
        return `${mode} ${formatNumber(load.requestsPerSecond)} req/s, ${formatNumber(sample.gatewayMicrosPerRequest)} µs${bad ? `, ${bad} bad` : ''}`;
      });
      console.log(`round ${round}: ${line.join(' | ')}`);
    }

    const summary = Object.fromEntries(
      MODES.map((mode) => {
        const s = samples[mode];
        return [mode, {
          requestsPerSecond: median(s.map((x) => x.load.requestsPerSecond)),
          p50: median(s.map((x) => x.load.latencyMs.p50)),
          p99: median(s.map((x) => x.load.latencyMs.p99)),
          gatewayMicrosPerRequest: median(s.map((x) => x.gatewayMicrosPerRequest)),
          bad: s.reduce((sum, x) => sum + x.load.errors + x.load.non2xx + x.load.mismatches, 0),
        }];
      }),
    ) as Record<Mode, { requestsPerSecond: number; p50: number; p99: number; gatewayMicrosPerRequest: number; bad: number }>;
    console.log(
      `\n${formatTable(
        ['gateway (medians of the rounds)', 'req/s', 'p50 ms', 'p99 ms', 'gateway CPU µs/req', 'errors + non-2xx + mismatches'],
        MODES.map((mode) => [LABELS[mode], formatNumber(summary[mode].requestsPerSecond), summary[mode].p50, summary[mode].p99, formatNumber(summary[mode].gatewayMicrosPerRequest), summary[mode].bad]),
      )}`,
    );
    // Per round, so both sides of each ratio saw the same machine.
    const ratios = (a: Mode, b: Mode, pick: (s: Sample) => number) => median(samples[a].map((s, i) => pick(s) / pick(samples[b][i]!)));
    const throughput = ratios('on', 'off', (s) => s.load.requestsPerSecond);
    const cpu = ratios('on', 'off', (s) => s.gatewayMicrosPerRequest);
    console.log(`\nthroughput ON/OFF: ${throughput.toFixed(3)}× (${((1 - throughput) * 100).toFixed(1)} % loss; target < 10 %)`);
    console.log(`gateway CPU per request ON/OFF: ${cpu.toFixed(3)}×`);
    console.log(`  signing per call alone (ANONYMOUS/OFF): ${ratios('anonymous', 'off', (s) => s.gatewayMicrosPerRequest).toFixed(3)}× CPU, ${ratios('anonymous', 'off', (s) => s.load.requestsPerSecond).toFixed(3)}× throughput`);
    const path = await writeResult('auth-overhead', { benchmark: 'auth-overhead', date: new Date().toISOString(), machine, options, query: QUERIES[options.query], samples, summary, throughputRatio: throughput, cpuRatio: cpu });
    console.log(`\nresult: ${path}`);
  } finally {
    for (const c of children.splice(0).reverse()) await c.close();
  }
}
