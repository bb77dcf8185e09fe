import type { ChildService } from './child-service';
import { monotonicMicros, type ProfileWindow } from './cpu-profile';
import { type LoadResult, runLoad } from './load';
import { machineCpuMicros } from './system-load';

export interface Target {
  /** Unique within a run, e.g. `this/federated`. */
  name: string;
  url: string;
  /** The GraphQL request, as JSON. */
  body: string;
  headers?: Record<string, string>;
  /** Child processes whose CPU time this target's requests cost, by role (`gateway`, `subgraphs`). */
  processes: Record<string, ChildService<unknown>>;
}

export interface VerifiedResponse {
  /** The exact body, which every measured response must then repeat. */
  text: string;
  data: unknown;
  /**
   * Apollo's gateway puts the errors it meets while shaping the result (a subgraph's null for a
   * non-null field) in `extensions.valueCompletion`, not in `errors`: the data is still served, with
   * the nearest nullable parent nulled. Reported so a run cannot hide them.
   */
  valueCompletion: string[];
}

/** One request; throws unless it is a 200 with data and without errors. */
export async function verifyTarget(target: Target): Promise<VerifiedResponse> {
  const response = await fetch(target.url, { method: 'POST', headers: { 'content-type': 'application/json', ...target.headers }, body: target.body });
  const text = await response.text();
  let json: { data?: unknown; errors?: unknown[]; extensions?: { valueCompletion?: { message?: string; path?: unknown[] }[] } };
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(`${target.name}: HTTP ${response.status}, not JSON: ${text.slice(0, 500)}`);
  }
  if (response.status !== 200 || json.errors?.length || json.data == null) {
    throw new Error(`${target.name}: expected HTTP 200 with data and no errors, got HTTP ${response.status}: ${text.slice(0, 1000)}`);
  }
  const valueCompletion = (json.extensions?.valueCompletion ?? []).map((e) => `${e.message} (at ${e.path?.join('.')})`);
  return { text, data: json.data, valueCompletion };
}

export interface CpuCost {
  /** CPU time (user + system) of the process per completed request, µs. */
  microsPerRequest: number;
  /** Average cores the process kept busy while the target was loaded. */
  cores: number;
}

export interface Measurement {
  target: string;
  /** Over all rounds; latency percentiles are exact over every response. */
  load: LoadResult;
  /** By role, plus `loader`: this process, where autocannon runs. */
  cpu: Record<string, CpuCost>;
  /**
   * The whole machine while the target was loaded (Linux only): cores busy; how many went to
   * processes other than the ones above (noise from anything else running on the machine); and
   * how many the hypervisor took for other guests (steal: a noisy neighbour on a shared host).
   */
  machine: { busyCores: number; otherCores: number; stealCores: number } | null;
  /** When the measured load ran (one per round), on the clock CPU profiles use. */
  windows: ProfileWindow[];
}

export interface MeasureOptions {
  /** Seconds of unrecorded load per target before any target is measured. */
  warmup: number;
  /** Seconds measured per target, split evenly over the rounds. */
  duration: number;
  connections: number;
  /** @default 1 */
  rounds?: number;
}

export interface MeasuredTarget extends Target {
  /** The verified body: any other response counts as a mismatch. */
  expectBody: string;
}

/** One measured stretch of one target. */
interface Phase {
  load: LoadResult;
  seconds: number;
  cpuMicros: Record<string, number>;
  machineMicros: { busy: number; steal: number } | null;
  window: ProfileWindow;
}

/**
 * Loads the target while sampling the CPU time of every process involved. Children report their
 * own `process.cpuUsage()` over IPC; both samples are taken while the target is idle (before and
 * after the load), so the reply's delay does not skew them.
 */
async function measurePhase(target: MeasuredTarget, duration: number, connections: number): Promise<Phase> {
  const roles = Object.entries(target.processes);
  const before = await Promise.all(roles.map(([, child]) => child.cpu()));
  const loaderBefore = process.cpuUsage();
  const machineBefore = machineCpuMicros();
  const startMicros = monotonicMicros();
  const load = await runLoad({ url: target.url, body: target.body, headers: target.headers, connections, duration, expectBody: target.expectBody, recordLatencies: true });
  const endMicros = monotonicMicros();
  const machineAfter = machineCpuMicros();
  const loader = process.cpuUsage(loaderBefore);
  const after = await Promise.all(roles.map(([, child]) => child.cpu()));

  const cpuMicros: Record<string, number> = { loader: loader.user + loader.system };
  roles.forEach(([role], i) => {
    cpuMicros[role] = after[i]!.cpuMicros - before[i]!.cpuMicros;
  });
  const machineMicros =
    machineBefore === null || machineAfter === null ? null : { busy: machineAfter.busy - machineBefore.busy, steal: machineAfter.steal - machineBefore.steal };
  return { load, seconds: (endMicros - startMicros) / 1e6, cpuMicros, machineMicros, window: { startMicros, endMicros } };
}

/** Nearest-rank percentile of sorted latencies, to 0.1 ms. */
function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return 0;
  return round1(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!);
}

const round1 = (ms: number) => Math.round(ms * 10) / 10;

function combine(target: string, phases: Phase[]): Measurement {
  const sum = (f: (p: Phase) => number) => phases.reduce((total, p) => total + f(p), 0);
  const seconds = sum((p) => p.seconds);
  const requests = sum((p) => p.load.requests);
  const latencies = phases.flatMap((p) => p.load.latenciesMs ?? []).sort((a, b) => a - b);
  const load: LoadResult = {
    requestsPerSecond: requests / sum((p) => p.load.durationSeconds),
    requests,
    durationSeconds: sum((p) => p.load.durationSeconds),
    latencyMs: {
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      average: latencies.length ? round1(latencies.reduce((a, b) => a + b, 0) / latencies.length) : 0,
      max: round1(latencies.at(-1) ?? 0),
    },
    errors: sum((p) => p.load.errors),
    non2xx: sum((p) => p.load.non2xx),
    mismatches: sum((p) => p.load.mismatches),
  };
  const cpu: Record<string, CpuCost> = {};
  for (const role of Object.keys(phases[0]!.cpuMicros)) {
    const micros = sum((p) => p.cpuMicros[role] ?? 0);
    cpu[role] = { microsPerRequest: requests ? micros / requests : 0, cores: micros / 1e6 / seconds };
  }
  let machine: Measurement['machine'] = null;
  if (phases.every((p) => p.machineMicros !== null)) {
    const busyCores = sum((p) => p.machineMicros!.busy) / 1e6 / seconds;
    const stealCores = sum((p) => p.machineMicros!.steal) / 1e6 / seconds;
    const ours = Object.values(cpu).reduce((total, c) => total + c.cores, 0);
    machine = { busyCores, otherCores: Math.max(0, busyCores - stealCores - ours), stealCores };
  }
  return { target, load, cpu, machine, windows: phases.map((p) => p.window) };
}

/**
 * Warms every target up first (services that several targets share, like the subgraphs, keep
 * getting faster for a while, which would favour whichever target runs last), then measures in
 * rounds, alternating the order (forward, backward, …) so that drift and other work on the machine
 * fall on every target alike.
 */
export async function measureTargets(
  targets: MeasuredTarget[],
  { warmup, duration, connections, rounds = 1 }: MeasureOptions,
  onRound?: (round: number, phases: { target: string; load: LoadResult }[]) => void,
): Promise<Measurement[]> {
  if (warmup > 0) {
    for (const target of targets) await runLoad({ url: target.url, body: target.body, headers: target.headers, connections, duration: warmup });
  }
  const phases = new Map<string, Phase[]>(targets.map((t) => [t.name, []]));
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? targets : [...targets].reverse();
    const done: { target: string; load: LoadResult }[] = [];
    for (const target of order) {
      const phase = await measurePhase(target, duration / rounds, connections);
      phases.get(target.name)!.push(phase);
      done.push({ target: target.name, load: phase.load });
    }
    onRound?.(round + 1, done);
  }
  return targets.map((t) => combine(t.name, phases.get(t.name)!));
}

/** One target on its own: warm-up, then one measured stretch. */
export function measureTarget(target: MeasuredTarget, options: Omit<MeasureOptions, 'rounds'>): Promise<Measurement> {
  return measureTargets([target], options).then(([m]) => m!);
}
