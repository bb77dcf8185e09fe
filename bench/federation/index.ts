/**
 * `npm run bench -- federation`: the public federation benchmark's shape (accounts, inventory,
 * products, reviews; a nested query of tens of kilobytes) through this gateway with every feature
 * on, a stock `@apollo/gateway`, Hive Gateway with its defaults and Hive Gateway with its fastest
 * documented settings, in one run on the same subgraphs. Two runs: one query sent by every client
 * (in-flight deduplication can help) and a mix of distinct requests (it cannot).
 *
 * Every round loads all gateways at once, with the same connections each, so whatever else the
 * machine does falls on all of them alike; ratios are taken per round and their medians reported.
 * With `--alone` a round loads one gateway at a time, in turn, each with the machine to itself.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { SignJWT } from 'jose';
import {
  backgroundCores,
  type ChildService,
  type GatewayTargetInfo,
  generateContextKeyPems,
  LOAD_LIMITS,
  machineCpuMicros,
  machineInfo,
  monotonicMicros,
  numberArg,
  type ProfileSummary,
  profileReport,
  RESULTS_DIR,
  startChildren,
  startInChild,
  summarizeCpuProfile,
  writeResult,
} from '../support';
import { startHiveGateway } from './hive-gateway';
import { startThisCluster } from './this-cluster';
import { runVariantLoad } from './load';
import { MIXED_VARIANTS, NESTED_VARIANT, type QueryVariant } from './queries';
import { printRun, type RunReport, type Sample, summarize, TARGETS, type TargetName } from './report';
import type { BenchSubgraphsInfo } from './subgraph-server';
import { composeBenchSupergraph } from './supergraph';
import { BENCH_TENANT, type BenchTenancyInfo } from './tenancy';
import { expectedPrefixes, type VerifiableTarget } from './verify';

const RUNS = { identical: [NESTED_VARIANT], mixed: MIXED_VARIANTS } as const satisfies Record<string, QueryVariant[]>;
type RunName = keyof typeof RUNS;
const JWT_SECRET = 'bench-federation-hs256-secret-0123456789abcdef';

function parseOptions(args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      duration: { type: 'string' },
      warmup: { type: 'string' },
      connections: { type: 'string' },
      rounds: { type: 'string' },
      runs: { type: 'string' },
      targets: { type: 'string' },
      redis: { type: 'string' },
      baseline: { type: 'string' },
      'this-node-flags': { type: 'string' },
      'context-tokens': { type: 'string' },
      'cpu-prof': { type: 'boolean', default: false },
      alone: { type: 'boolean', default: false },
    },
  });
  const runs = (values.runs?.split(',') ?? Object.keys(RUNS)) as RunName[];
  if (!runs.every((r) => r in RUNS)) throw new Error(`--runs takes a comma list of ${Object.keys(RUNS).join(', ')}`);
  // By default every target that can run: the baseline needs --baseline, the cluster (workers) needs Redis (checked in run()).
  const targets = (values.targets?.split(',') ?? TARGETS.filter((t) => t !== 'baseline' || values.baseline)) as TargetName[];
  if (targets.includes('baseline') && !values.baseline) throw new Error('the baseline target needs --baseline <another checkout of this repository>');
  if (!targets.every((t) => (TARGETS as readonly string[]).includes(t))) throw new Error(`--targets takes a comma list of ${TARGETS.join(', ')}`);
  return {
    runs,
    targets,
    duration: numberArg(values.duration, 'duration', 10, { min: 1, max: LOAD_LIMITS.maxDurationSeconds }),
    warmup: numberArg(values.warmup, 'warmup', 5, { min: 0, max: 60 }),
    rounds: numberArg(values.rounds, 'rounds', 3, { min: 1, max: 15, integer: true }),
    connections: numberArg(values.connections, 'connections', 20, { min: 1, max: LOAD_LIMITS.maxConnections / 4, integer: true }),
    /** `none`: budgets and caches in memory. @default redis://127.0.0.1:6379 when it answers, else none */
    redis: values.redis,
    /** Another checkout (e.g. a worktree of main): its gateway runs as target `baseline`, configured as `this`. */
    baseline: values.baseline,
    cpuProfile: values['cpu-prof'],
    /** Each round loads one gateway at a time, in turn, so each has the machine to itself. @default all at once */
    alone: values.alone,
    explicitTargets: values.targets !== undefined,
    /** Node.js flags for the `this` gateway's process only (space-separated), to measure a runtime setting against the baseline. */
    thisNodeFlags: values['this-node-flags']?.split(' ').filter(Boolean) ?? [],
    /** How this gateway signs its context tokens: ES256 (the default) or HS256 with a key per subgraph (CONTEXT_TOKEN_SECRET). */
    contextTokens: contextTokensOf(values['context-tokens']),
  };
}

function contextTokensOf(value: string | undefined): 'es256' | 'hs256' {
  if (value === undefined || value === 'es256' || value === 'hs256') return value ?? 'es256';
  throw new Error(`--context-tokens takes es256 or hs256, got "${value}"`);
}

async function redisUrlOf(option: string | undefined): Promise<string | null> {
  if (option === 'none') return null;
  const url = option ?? 'redis://127.0.0.1:6379';
  const { createConnection } = await import('node:net');
  const { hostname, port } = new URL(url);
  const reachable = await new Promise<boolean>((resolve) => {
    const socket = createConnection({ host: hostname, port: Number(port || 6379) });
    socket.setTimeout(1000);
    socket.once('connect', () => resolve(true)).once('error', () => resolve(false)).once('timeout', () => resolve(false));
  }).catch(() => false);
  if (reachable) return url;
  if (option) throw new Error(`--redis ${option}: not reachable`);
  return null;
}

interface Target extends VerifiableTarget {
  name: TargetName;
  gateway: ChildService<unknown>;
}

export async function run(args: string[]): Promise<void> {
  const options = parseOptions(args);
  const machine = machineInfo();
  const command = `npm run bench -- federation${args.length ? ` ${args.join(' ')}` : ''}`;
  const redisUrl = await redisUrlOf(options.redis);
  if (!redisUrl && !options.explicitTargets) options.targets = options.targets.filter((t) => t !== 'this-cluster');
  console.log(`${command}\n${machine.cpus} CPUs (${machine.cpuModel}), node ${machine.node}, commit ${machine.commit ?? 'unknown'}`);
  console.log(
    `${options.rounds} round(s) per run, ${options.alone ? 'one gateway loaded at a time, in turn' : 'all gateways loaded at once'}, ${options.connections} connections each, ${options.warmup} s warm-up + ${options.duration} s per round${options.alone ? ' and gateway' : ''}`,
  );
  console.log(`this gateway's budgets and tenant cache: ${redisUrl ? `Redis (${redisUrl})` : 'in memory'}; context tokens ${options.contextTokens === 'hs256' ? 'HS256 (a key per subgraph)' : 'ES256'}`);
  const background = await backgroundCores();
  console.log(`other work on the machine before the run: ${background === null ? 'unknown' : `${background.toFixed(2)} cores`}; load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);

  const dir = await mkdtemp(join(tmpdir(), 'academy-bench-federation-'));
  const profileDir = options.cpuProfile ? join(RESULTS_DIR, `profiles-federation-${new Date().toISOString().replace(/[:.]/g, '-')}`) : undefined;
  const env = { ...process.env, NODE_ENV: 'production' };
  const child = <T>(name: string, file: string, exportName: string, starterOptions: unknown, profile = false, extraExecArgv: string[] = []) =>
    startInChild<T>({ name, module: join(__dirname, file), export: exportName, options: starterOptions, env, cpuProfileDir: profile ? profileDir : undefined, extraExecArgv });
  const children: ChildService<unknown>[] = [];
  try {
    const keys = { ...(await generateContextKeyPems()), ...(options.contextTokens === 'hs256' && { secret: randomBytes(32).toString('base64url') }) };
    const [subgraphs, tenancy] = await startChildren<[BenchSubgraphsInfo, BenchTenancyInfo]>(children, [
      child('subgraphs', 'subgraph-server.ts', 'startBenchSubgraphs', {}),
      child('tenancy', 'tenancy.ts', 'startBenchTenancy', { keys }),
    ]);
    const supergraphSdl = await composeBenchSupergraph({ ...subgraphs.info.urls, tenancy: tenancy.info.url });
    const supergraphPath = join(dir, 'supergraph.graphql');
    await writeFile(supergraphPath, supergraphSdl);

    const starts: Record<TargetName, () => Promise<ChildService<GatewayTargetInfo>>> = {
      this: () => child('this-gateway', 'gateways.ts', 'startThisGateway', { keys, supergraphSdl, jwtSecret: JWT_SECRET, redisUrl }, true, options.thisNodeFlags),
      stock: () => child('stock-gateway', 'gateways.ts', 'startStockGateway', { supergraphSdl }),
      'hive-default': () => startHiveGateway({ name: 'hive-default', supergraphPath, dir }),
      'hive-fast': () => startHiveGateway({ name: 'hive-fast', supergraphPath, dir, fast: true }),
      'this-cluster': () => {
        if (!redisUrl) throw new Error('the this-cluster target needs Redis (workers share budgets there); pass --redis <url>');
        return startThisCluster({ keys, supergraphPath, jwtSecret: JWT_SECRET, redisUrl, workers: 2 });
      },
      baseline: () =>
        child('baseline-gateway', 'gateways.ts', 'startThisGateway', { keys, supergraphSdl, jwtSecret: JWT_SECRET, redisUrl, gatewayModule: join(resolve(options.baseline!), 'gateway', 'src', 'index.ts') }),
    };
    const started = await startChildren<GatewayTargetInfo[]>(children, options.targets.map((name) => starts[name]()));
    const token = await new SignJWT({ tenant: BENCH_TENANT, roles: ['learner'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('bench-learner')
      .setExpirationTime('6h')
      .sign(new TextEncoder().encode(JWT_SECRET));
    const targets: Target[] = options.targets.map((name, i) => ({
      name,
      url: started[i]!.info.url,
      gateway: started[i]!,
      ...(name !== 'stock' && !name.startsWith('hive') && { headers: { authorization: `Bearer ${token}`, 'x-tenant-id': BENCH_TENANT } }),
    }));

    const reports: RunReport[] = [];
    for (const runName of options.runs) {
      const variants = RUNS[runName];
      const [reference, ...others] = [...targets].sort((a, b) => Number(b.name === 'stock') - Number(a.name === 'stock'));
      const prefixes = await expectedPrefixes(reference!, others, variants);
      console.log(`\n${runName}: ${variants.length} distinct request(s), verified: every gateway answers the same data (${Math.round(prefixes[0]!.length / 1024)} kB for the first)`);
      const loadTargets = (loaded: Target[], duration: number) =>
        Promise.all(loaded.map((t) => runVariantLoad({ url: t.url, headers: t.headers, variants, expectedPrefixes: prefixes, connections: options.connections, duration })));
      if (options.warmup > 0) await loadTargets(targets, options.warmup);

      /** Loads `loaded` at once for one round's duration; one sample per loaded gateway. */
      const measure = async (loaded: Target[]): Promise<Sample[]> => {
        const processes = [...loaded.map((t) => t.gateway), subgraphs, tenancy];
        const before = await Promise.all(processes.map((p) => p.cpu()));
        const loaderBefore = process.cpuUsage();
        const machineBefore = machineCpuMicros();
        const startMicros = monotonicMicros();
        const loads = await loadTargets(loaded, options.duration);
        const endMicros = monotonicMicros();
        const machineAfter = machineCpuMicros();
        const loader = process.cpuUsage(loaderBefore);
        const after = await Promise.all(processes.map((p) => p.cpu()));
        const seconds = (endMicros - startMicros) / 1e6;
        const cores = processes.map((_, i) => (after[i]!.cpuMicros - before[i]!.cpuMicros) / 1e6 / seconds);
        const machineCores = machineBefore && machineAfter ? { busy: (machineAfter.busy - machineBefore.busy) / 1e6 / seconds, steal: (machineAfter.steal - machineBefore.steal) / 1e6 / seconds } : null;
        const loaderCores = (loader.user + loader.system) / 1e6 / seconds;
        const ours = cores.reduce((a, b) => a + b, 0) + loaderCores;
        return loaded.map((t, i) => ({
          target: t.name,
          load: loads[i]!,
          gatewayMicrosPerRequest: (after[i]!.cpuMicros - before[i]!.cpuMicros) / Math.max(1, loads[i]!.requests),
          gatewayCores: cores[i]!,
          subgraphCores: cores[loaded.length]!,
          tenancyCores: cores[loaded.length + 1]!,
          loaderCores,
          // Everything else on the machine: other processes (idle gateways included) and the hypervisor's steal.
          otherCores: machineCores ? Math.max(0, machineCores.busy - machineCores.steal - ours) : null,
          stealCores: machineCores?.steal ?? null,
          loadAverage: loadavg()[0]!,
          window: { startMicros, endMicros },
        }));
      };

      const samples: Sample[][] = [];
      for (let round = 1; round <= options.rounds; round++) {
        const roundSamples: Sample[] = [];
        if (options.alone) for (const target of targets) roundSamples.push(...(await measure([target])));
        else roundSamples.push(...(await measure(targets)));
        samples.push(roundSamples);
        console.log(
          `round ${round}: ${roundSamples.map((s) => `${s.target} ${Math.round(s.load.requestsPerSecond)} req/s ${Math.round(s.gatewayMicrosPerRequest)} µs${s.load.mismatches + s.load.errors + s.load.non2xx ? ` (${s.load.errors} timeouts/errors, ${s.load.mismatches + s.load.non2xx} wrong)` : ''}`).join(' | ')}` +
            `  [subgraphs ${roundSamples[0]!.subgraphCores.toFixed(2)} cores, load generator ${roundSamples[0]!.loaderCores.toFixed(2)}, other ${roundSamples[0]!.otherCores?.toFixed(2) ?? '?'}, steal ${roundSamples[0]!.stealCores?.toFixed(2) ?? '?'}, load ${roundSamples[0]!.loadAverage.toFixed(1)}]`,
        );
      }
      const report = summarize(runName, variants.length, samples);
      reports.push(report);
      console.log(`\n${printRun(report)}`);
    }

    const gatewayChild = targets.find((t) => t.name === 'this')?.gateway;
    for (const c of children.splice(0).reverse()) await c.close();
    let profile: ProfileSummary | undefined;
    if (profileDir && gatewayChild) {
      const windows = reports.flatMap((r) => r.windows);
      profile = await summarizeCpuProfile(join(profileDir, `${gatewayChild.name}.cpuprofile`), windows, 25);
      console.log(`\n${profileReport(gatewayChild.name, profile)}\nprofile: ${profileDir}`);
    }
    const path = await writeResult('federation', { benchmark: 'federation', date: new Date().toISOString(), command, machine, backgroundCores: background, redis: redisUrl !== null, options, reports, profile });
    console.log(`\nresult: ${path}`);
  } finally {
    for (const c of children.splice(0).reverse()) await c.close();
    await rm(dir, { recursive: true, force: true });
  }
}
