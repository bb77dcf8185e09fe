import type { ProfileSummary } from './cpu-profile';
import type { LoadResult } from './load';
import type { Measurement } from './measure';
import { formatNumber, formatTable } from './report';
import { NOISY_CORES } from './system-load';

/** One line per measured stretch, so a long run shows progress. */
export function loadLine(target: string, load: LoadResult): string {
  return (
    `${target.padEnd(18)} ${formatNumber(load.requestsPerSecond).padStart(6)} req/s  p50 ${load.latencyMs.p50} ms  p99 ${load.latencyMs.p99} ms` +
    `  errors ${load.errors}  non-2xx ${load.non2xx}  mismatches ${load.mismatches}`
  );
}

export function throughputTable(measurements: Measurement[]): string {
  return formatTable(
    ['target', 'req/s', 'p50 ms', 'p99 ms', 'errors', 'non-2xx', 'mismatches'],
    measurements.map((m) => [m.target, formatNumber(m.load.requestsPerSecond), m.load.latencyMs.p50, m.load.latencyMs.p99, m.load.errors, m.load.non2xx, m.load.mismatches]),
  );
}

/** CPU µs per request and cores busy for each role (plus the load generator and everything else on the machine). */
export function cpuTable(measurements: Measurement[], roles: string[]): string {
  const all = [...roles, 'loader'];
  const micros = (m: Measurement, role: string) => (m.cpu[role] ? formatNumber(m.cpu[role].microsPerRequest) : '–');
  const cores = (m: Measurement, role: string) => (m.cpu[role] ? m.cpu[role].cores.toFixed(2) : '–');
  return formatTable(
    ['target', ...all.map((r) => `${r} µs/req`), ...all.map((r) => `${r} cores`), 'other cores', 'steal cores'],
    measurements.map((m) => [
      m.target,
      ...all.map((r) => micros(m, r)),
      ...all.map((r) => cores(m, r)),
      m.machine ? m.machine.otherCores.toFixed(2) : '–',
      m.machine ? m.machine.stealCores.toFixed(2) : '–',
    ]),
  );
}

/** A warning naming the targets during which other processes or other guests took a noticeable share of the CPU, or null. */
export function noiseWarning(measurements: Measurement[]): string | null {
  const noise = (m: Measurement) => (m.machine ? m.machine.otherCores + m.machine.stealCores : 0);
  const noisy = measurements.filter((m) => noise(m) > NOISY_CORES);
  if (!noisy.length) return null;
  const list = noisy.map((m) => `${m.target} (${noise(m).toFixed(2)})`).join(', ');
  return `WARNING: other processes or guests kept more than ${NOISY_CORES} cores busy during ${list}; req/s and latency are not comparable with a quiet machine's (CPU per request is less affected).`;
}

export function profileReport(name: string, summary: ProfileSummary): string {
  const share = (s: number) => `${(s * 100).toFixed(1)} %`;
  return [
    `CPU profile of ${name} (${summary.windowed ? 'measured phases only' : 'whole process'}; ${formatNumber(summary.busyMs)} ms busy), self time:`,
    formatTable(['package', 'ms', 'share'], summary.packages.map((e) => [e.name, e.selfMs, share(e.share)])),
    formatTable(['function', 'ms', 'share'], summary.functions.map((e) => [e.name, e.selfMs, share(e.share)])),
  ].join('\n');
}
