import { formatNumber, formatTable, type LoadResult, type ProfileWindow } from '../support';

export const TARGETS = ['this', 'stock', 'hive-default', 'hive-fast', 'baseline', 'this-cluster'] as const;
export type TargetName = (typeof TARGETS)[number];

export const TARGET_LABELS: Record<TargetName, string> = {
  this: 'this gateway, every feature on',
  stock: 'stock @apollo/gateway',
  'hive-default': 'Hive Gateway, defaults',
  'hive-fast': 'Hive Gateway, JIT + inbound dedup',
  baseline: 'this gateway at --baseline, every feature on',
  'this-cluster': 'this gateway, every feature on, 2 workers',
};

/** The targets whose ratios to every other target are reported. */
const OURS: TargetName[] = ['this', 'this-cluster'];

/** One target in one round (all targets loaded at once, or each alone in turn). */
export interface Sample {
  target: TargetName;
  load: LoadResult & { wrongAnswers?: Record<string, number> };
  gatewayMicrosPerRequest: number;
  gatewayCores: number;
  subgraphCores: number;
  tenancyCores: number;
  /** autocannon, in the benchmark's own process. */
  loaderCores: number;
  otherCores: number | null;
  stealCores: number | null;
  loadAverage: number;
  window: ProfileWindow;
}

export interface TargetSummary {
  target: TargetName;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  gatewayMicrosPerRequest: number;
  gatewayCores: number;
  /** Timeouts and connection errors. */
  errors: number;
  /** Non-2xx or other data than verified. */
  wrong: number;
  /** The wrong answers by status and first error code or message. */
  wrongAnswers: Record<string, number>;
}

export interface RunReport {
  run: string;
  distinctRequests: number;
  targets: TargetSummary[];
  /** `this ÷ other` per round, then the median of the rounds. */
  ratios: Record<string, number>;
  load: { subgraphCores: number; loaderCores: number; otherCores: number | null; stealCores: number | null; loadAverage: number };
  rounds: Sample[][];
  windows: ProfileWindow[];
}

export const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

/** Nearest-rank percentile over every response of every round. */
function percentile(values: number[], p: number): number {
  if (!values.length) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! * 10) / 10;
}

export function summarize(run: string, distinctRequests: number, rounds: Sample[][]): RunReport {
  const names = rounds[0]!.map((s) => s.target);
  const of = (name: TargetName) => rounds.map((round) => round.find((s) => s.target === name)!);
  const targets = names.map((name) => {
    const samples = of(name);
    const latencies = samples.flatMap((s) => s.load.latenciesMs ?? []);
    return {
      target: name,
      requestsPerSecond: median(samples.map((s) => s.load.requestsPerSecond)),
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      gatewayMicrosPerRequest: median(samples.map((s) => s.gatewayMicrosPerRequest)),
      gatewayCores: median(samples.map((s) => s.gatewayCores)),
      errors: samples.reduce((sum, s) => sum + s.load.errors, 0),
      wrong: samples.reduce((sum, s) => sum + s.load.non2xx + s.load.mismatches, 0),
      wrongAnswers: samples.reduce<Record<string, number>>((all, s) => {
        for (const [reason, count] of Object.entries(s.load.wrongAnswers ?? {})) all[reason] = (all[reason] ?? 0) + count;
        return all;
      }, {}),
    };
  });
  const ratios: Record<string, number> = {};
  for (const ours of OURS.filter((n) => names.includes(n))) {
    for (const other of names.filter((n) => n !== ours && !(OURS.includes(n) && OURS.indexOf(n) < OURS.indexOf(ours)))) {
      const pairs = rounds.map((round) => [round.find((s) => s.target === ours)!, round.find((s) => s.target === other)!] as const);
      ratios[`req/s ${ours} ÷ ${other}`] = median(pairs.map(([a, b]) => a.load.requestsPerSecond / b.load.requestsPerSecond));
      ratios[`gateway CPU per request ${ours} ÷ ${other}`] = median(pairs.map(([a, b]) => a.gatewayMicrosPerRequest / b.gatewayMicrosPerRequest));
    }
  }
  const first = rounds.map((round) => round[0]!);
  const nullableMedian = (values: (number | null)[]) => (values.every((v) => v !== null) ? median(values as number[]) : null);
  return {
    run,
    distinctRequests,
    targets,
    ratios,
    load: {
      subgraphCores: median(first.map((s) => s.subgraphCores)),
      loaderCores: median(first.map((s) => s.loaderCores)),
      otherCores: nullableMedian(first.map((s) => s.otherCores)),
      stealCores: nullableMedian(first.map((s) => s.stealCores)),
      loadAverage: median(first.map((s) => s.loadAverage)),
    },
    rounds,
    // The profiled gateway's own stretches (they differ per gateway when each was loaded alone).
    windows: rounds.map((round) => (round.find((s) => s.target === 'this') ?? round[0]!).window),
  };
}

export function printRun(report: RunReport): string {
  const table = formatTable(
    [`${report.run} (medians of ${report.rounds.length} rounds)`, 'req/s', 'p50 ms', 'p99 ms', 'gateway CPU µs/req', 'gateway cores', 'timeouts', 'wrong answers'],
    report.targets.map((t) => [TARGET_LABELS[t.target], formatNumber(t.requestsPerSecond), t.p50, t.p99, formatNumber(t.gatewayMicrosPerRequest), t.gatewayCores.toFixed(2), t.errors, t.wrong]),
  );
  const ratios = Object.entries(report.ratios).map(([name, value]) => `  ${name}: ${value.toFixed(2)}×`);
  const wrong = report.targets
    .filter((t) => t.wrong > 0)
    .map((t) => `  ${t.target}: ${Object.entries(t.wrongAnswers).map(([reason, count]) => `${count}× ${reason}`).join('; ')}`);
  const { subgraphCores, loaderCores, otherCores, stealCores, loadAverage } = report.load;
  const load = `subgraphs ${subgraphCores.toFixed(2)} cores; load generator ${loaderCores.toFixed(2)}; other processes ${otherCores?.toFixed(2) ?? '?'} cores; steal ${stealCores?.toFixed(2) ?? '?'}; 1-min load average ${loadAverage.toFixed(1)}`;
  return `${table}${wrong.length ? `\n\nWrong answers:\n${wrong.join('\n')}` : ''}\n\nRatios (per round, median):\n${ratios.join('\n')}\n\nMachine during the rounds (medians): ${load}`;
}
