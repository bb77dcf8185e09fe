/**
 * This gateway vs. a stock @apollo/gateway vs. the subgraph on its own, in one run on one set of
 * subgraphs. Every service runs in its own child process (see `startInChild`) so each has an event
 * loop of its own, as in production, and its CPU time per request can be told apart.
 */
import { join } from 'node:path';
import { isDeepStrictEqual, parseArgs } from 'node:util';
import { composeSupergraph } from '@academy/embedded';
import { CONTEXT_TOKEN_HEADER } from '@academy/service-kit';
import {
  backgroundCores,
  type ChildService,
  cpuTable,
  formatRatio,
  type GatewayTargetInfo,
  generateContextKeyPems,
  LOAD_LIMITS,
  type Measurement,
  machineInfo,
  loadLine,
  measureTargets,
  NOISY_CORES,
  noiseWarning,
  numberArg,
  type ProfileSummary,
  profileReport,
  RESULTS_DIR,
  type SubgraphsInfo,
  signLongLivedTokens,
  startChildren,
  startInChild,
  summarizeCpuProfile,
  type Target,
  throughputTable,
  type VerifiedResponse,
  verifyTarget,
  writeResult,
} from './support';

/** Crosses all three subgraphs: tenants (tenancy) → progress (analytics, `_entities`) → standards (conocer, `_entities`). */
export const FEDERATED_QUERY = /* GraphQL */ `
  query BenchTenantsWithProgress {
    tenants(first: 10) {
      totalCount
      nodes {
        id
        slug
        name
        status
        plan { code name limits { maxOperationCost requestsPerMinute } }
        progressSummary { events learners courses averagePercent completions }
        recentProgress(first: 5) {
          id
          learnerId
          courseId
          percent
          occurredAt
          standard { code title level sector committee }
        }
      }
    }
  }
`;

/** Answered by conocer alone, so it can also be sent to the subgraph directly: the ceiling. */
export const STANDARDS_QUERY = /* GraphQL */ `
  query BenchStandards {
    competencyStandards(first: 20) {
      totalCount
      nodes { code title level sector committee }
    }
  }
`;

const TARGETS = ['this/federated', 'stock/federated', 'direct/standards', 'this/standards', 'stock/standards', 'this-cached/standards'] as const;
type TargetName = (typeof TARGETS)[number];
type GatewayTarget = Target & { name: TargetName; query: 'federated' | 'standards' };

interface GatewayBenchOptions {
  /** Measured in this order (to check for order effects). @default all, in the order of TARGETS */
  targets: TargetName[];
  /** Seconds measured per target. @default 10 */
  duration: number;
  /** Seconds of unrecorded load per target, all targets before any is measured. @default 3 */
  warmup: number;
  /** The duration is split into this many rounds, alternating the order of the targets. @default 2 */
  rounds: number;
  /** @default 50 (as The Guild's federation benchmark) */
  connections: number;
  /** Profile the children and summarise where their CPU went. @default false */
  cpuProfile: boolean;
}

function parseOptions(args: string[]): GatewayBenchOptions {
  const { values } = parseArgs({
    args,
    options: {
      duration: { type: 'string' },
      warmup: { type: 'string' },
      connections: { type: 'string' },
      rounds: { type: 'string' },
      targets: { type: 'string' },
      'cpu-prof': { type: 'boolean', default: false },
    },
  });
  const targets = values.targets?.split(',').map((t) => t.trim()) ?? [...TARGETS];
  const isTarget = (t: string): t is TargetName => (TARGETS as readonly string[]).includes(t);
  if (targets.length === 0 || !targets.every(isTarget)) throw new Error(`--targets takes a comma-separated subset of ${TARGETS.join(', ')}; got ${values.targets}`);
  return {
    targets,
    duration: numberArg(values.duration, 'duration', 10, { min: 1, max: LOAD_LIMITS.maxDurationSeconds }),
    warmup: numberArg(values.warmup, 'warmup', 3, { min: 0, max: 30 }),
    rounds: numberArg(values.rounds, 'rounds', 2, { min: 1, max: 10, integer: true }),
    connections: numberArg(values.connections, 'connections', 50, { min: 1, max: LOAD_LIMITS.maxConnections, integer: true }),
    cpuProfile: values['cpu-prof'],
  };
}

/** The federated answer must carry data from every subgraph, or the comparison measures less work. */
function checkFederatedData(data: unknown): void {
  type Node = { recentProgress: { standard: { title: string } | null }[]; progressSummary: { events: number } };
  const nodes = (data as { tenants?: { nodes?: Node[] } }).tenants?.nodes ?? [];
  const problems = [
    nodes.length < 2 && `expected the 2 demo tenants, got ${nodes.length}`,
    !nodes.every((n) => n.progressSummary.events > 0 && n.recentProgress.length > 0) && 'a tenant has no progress (analytics answered empty)',
    !nodes.some((n) => n.recentProgress.some((p) => typeof p.standard?.title === 'string')) && 'no standard has a title (conocer was not reached)',
  ].filter(Boolean);
  if (problems.length) throw new Error(`federated response is not the full answer: ${problems.join('; ')}\n${JSON.stringify(data).slice(0, 1000)}`);
}

/**
 * Correctness first: one request per target, every target of a query must answer the same data, and
 * the federated data must be complete. A target that answered with an error would win on speed and
 * mean nothing.
 */
async function verifyAll(targets: GatewayTarget[]): Promise<Map<string, VerifiedResponse>> {
  const verified = new Map<string, VerifiedResponse>();
  for (const target of targets) verified.set(target.name, await verifyTarget(target));
  checkFederatedData(verified.get('this/federated')!.data);
  for (const query of ['federated', 'standards'] as const) {
    const [first, ...rest] = targets.filter((t) => t.query === query).map((t) => ({ name: t.name, ...verified.get(t.name)! }));
    for (const other of rest) {
      if (!isDeepStrictEqual(other.data, first!.data)) {
        throw new Error(`${other.name} answered different data than ${first!.name}:\n${other.text.slice(0, 800)}\nvs.\n${first!.text.slice(0, 800)}`);
      }
    }
  }
  return verified;
}

function ratiosOf(measurements: Measurement[]): Record<string, string> {
  const of = (name: TargetName) => measurements.find((m) => m.target === name);
  const rps = (name: TargetName) => of(name)?.load.requestsPerSecond;
  const gatewayCpu = (name: TargetName) => of(name)?.cpu.gateway?.microsPerRequest;
  return {
    'this/stock req/s, federated query': formatRatio(rps('this/federated'), rps('stock/federated')),
    'this/stock req/s, standards query': formatRatio(rps('this/standards'), rps('stock/standards')),
    'this/direct req/s, standards query (the gateway hop on work one subgraph does)': formatRatio(rps('this/standards'), rps('direct/standards')),
    'stock/direct req/s, standards query': formatRatio(rps('stock/standards'), rps('direct/standards')),
    'cached/uncached req/s, standards query (RESPONSE_CACHE, every request a hit after the first)': formatRatio(rps('this-cached/standards'), rps('this/standards')),
    'this federated / direct standards req/s (three subgraphs vs. the one-subgraph ceiling)': formatRatio(rps('this/federated'), rps('direct/standards')),
    // CPU time per request barely moves when other work shares the machine; req/s moves a lot.
    'this/stock gateway CPU per request, federated query': formatRatio(gatewayCpu('this/federated'), gatewayCpu('stock/federated')),
    'this/stock gateway CPU per request, standards query': formatRatio(gatewayCpu('this/standards'), gatewayCpu('stock/standards')),
    'cached/uncached gateway CPU per request, standards query': formatRatio(gatewayCpu('this-cached/standards'), gatewayCpu('this/standards')),
  };
}

/** Summarises each child's profile over the load phases of the targets it served (profiles are written when children exit). */
async function summarizeProfiles(dir: string, children: ChildService<unknown>[], targets: GatewayTarget[], measurements: Measurement[]) {
  const summaries: Record<string, ProfileSummary> = {};
  for (const child of children) {
    const served = new Set(targets.filter((t) => Object.values(t.processes).includes(child)).map((t) => t.name));
    const windows = measurements.filter((m) => served.has(m.target as TargetName)).flatMap((m) => m.windows);
    summaries[child.name] = await summarizeCpuProfile(join(dir, `${child.name}.cpuprofile`), windows, 15);
    console.log(`\n${profileReport(child.name, summaries[child.name])}`);
  }
  console.log(`\nprofiles (open in Chrome DevTools or speedscope): ${dir}`);
  return summaries;
}

export async function run(args: string[]): Promise<void> {
  const options = parseOptions(args);
  const machine = machineInfo();
  const command = `npm run bench -- gateway${args.length ? ` ${args.join(' ')}` : ''}`;
  console.log(`${command}\n${machine.cpus} CPUs (${machine.cpuModel}), node ${machine.node}, commit ${machine.commit ?? 'unknown'}`);
  console.log(
    `per target: ${options.warmup} s warm-up, then ${options.duration} s measured in ${options.rounds} round(s) of alternating order; ${options.connections} connections`,
  );
  const background = await backgroundCores();
  console.log(`other work on the machine before the run: ${background === null ? 'unknown (no /proc)' : `${background.toFixed(2)} cores`}`);
  if (background !== null && background > NOISY_CORES) console.warn(`WARNING: the machine is not quiet; req/s and latency will be lower and noisier than on a quiet machine.`);

  const keys = await generateContextKeyPems();
  const { supergraphSdl } = await composeSupergraph('127.0.0.1');
  const profileDir = options.cpuProfile ? join(RESULTS_DIR, `profiles-${new Date().toISOString().replace(/[:.]/g, '-')}`) : undefined;
  const child = <T>(name: string, file: string, exportName: string, starterOptions: unknown) =>
    startInChild<T>({
      name,
      module: join(__dirname, 'support', file),
      export: exportName,
      options: starterOptions,
      cpuProfileDir: profileDir,
      env: { ...process.env, NODE_ENV: 'production' },
    });

  const children: ChildService<unknown>[] = [];
  try {
    const startedAt = Date.now();
    const [subgraphs] = await startChildren<[SubgraphsInfo]>(children, [child('subgraphs', 'subgraphs.ts', 'startSubgraphs', { keys })]);
    const gatewayOptions = { keys, supergraphSdl, subgraphUrls: subgraphs.info.urls };
    const [academy, stock, cached] = await startChildren<[GatewayTargetInfo, GatewayTargetInfo, GatewayTargetInfo]>(children, [
      child('this-gateway', 'gateways.ts', 'startAcademyGateway', gatewayOptions),
      child('stock-gateway', 'gateways.ts', 'startStockGateway', gatewayOptions),
      child('this-gateway-cached', 'gateways.ts', 'startAcademyGateway', { ...gatewayOptions, responseCache: true }),
    ]);
    console.log(`started the subgraphs and the gateways in ${((Date.now() - startedAt) / 1000).toFixed(1)} s`);

    // Calling a subgraph directly needs what the gateways send: a context token (signed once, 24 h TTL).
    const { conocer: directToken } = await signLongLivedTokens(keys, ['conocer'], 'bench-direct');
    const federated = JSON.stringify({ query: FEDERATED_QUERY });
    const standards = JSON.stringify({ query: STANDARDS_QUERY });
    const gateway = (target: ChildService<GatewayTargetInfo>) => ({ url: target.info.url, processes: { gateway: target, subgraphs } });
    const allTargets: GatewayTarget[] = [
      { name: 'this/federated', query: 'federated', body: federated, ...gateway(academy) },
      { name: 'stock/federated', query: 'federated', body: federated, ...gateway(stock) },
      { name: 'direct/standards', query: 'standards', body: standards, url: subgraphs.info.urls.conocer, headers: { [CONTEXT_TOKEN_HEADER]: directToken! }, processes: { subgraphs } },
      { name: 'this/standards', query: 'standards', body: standards, ...gateway(academy) },
      { name: 'stock/standards', query: 'standards', body: standards, ...gateway(stock) },
      { name: 'this-cached/standards', query: 'standards', body: standards, ...gateway(cached) },
    ];

    const verified = await verifyAll(allTargets);
    console.log('verified: every target answers the same data without errors');
    const valueCompletion: Record<string, string[]> = {};
    for (const [name, response] of verified) if (response.valueCompletion.length) valueCompletion[name] = response.valueCompletion;
    for (const [name, messages] of Object.entries(valueCompletion)) {
      console.warn(`NOTE: ${name} answers with ${messages.length} value-completion error(s) in extensions (data nulled by the gateway): ${[...new Set(messages)].join('; ')}`);
    }

    console.log();
    const targets = options.targets.map((name) => allTargets.find((t) => t.name === name)!);
    const measured = targets.map((t) => ({ ...t, expectBody: verified.get(t.name)!.text }));
    const measurements = await measureTargets(measured, options, (round, phases) => {
      for (const phase of phases) console.log(`round ${round}  ${loadLine(phase.target, phase.load)}`);
    });
    const ratios = ratiosOf(measurements);
    console.log(`\n${throughputTable(measurements)}`);
    console.log(`\nCPU time per request (µs) and cores busy, by process:\n${cpuTable(measurements, ['gateway', 'subgraphs'])}`);
    const warning = noiseWarning(measurements);
    if (warning) console.warn(`\n${warning}`);
    console.log(`\nRatios:\n${Object.entries(ratios).map(([name, value]) => `  ${name}: ${value}`).join('\n')}`);

    const profiled = [...children];
    for (const c of children.splice(0).reverse()) await c.close();
    const profiles = profileDir ? await summarizeProfiles(profileDir, profiled, targets, measurements) : undefined;

    const path = await writeResult('gateway', {
      benchmark: 'gateway',
      date: new Date().toISOString(),
      command,
      machine,
      backgroundCores: background,
      options,
      queries: { federated: FEDERATED_QUERY, standards: STANDARDS_QUERY },
      valueCompletion,
      measurements,
      ratios,
      profiles,
    });
    console.log(`\nresult: ${path}`);
  } finally {
    for (const c of children.splice(0).reverse()) await c.close();
  }
}
