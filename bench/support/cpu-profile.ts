import { readFile } from 'node:fs/promises';
import { sep } from 'node:path';

/** The parts of V8's `.cpuprofile` (what `node --cpu-prof` writes) that a summary needs. */
interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number }[];
  /** Microseconds on the monotonic clock, the one `process.hrtime` reads. */
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileWindow {
  /** Microseconds on the monotonic clock (`process.hrtime.bigint() / 1000n`). */
  startMicros: number;
  endMicros: number;
}

export interface ProfileEntry {
  name: string;
  selfMs: number;
  /** Share of the non-idle samples. */
  share: number;
}

export interface ProfileSummary {
  /** Non-idle CPU time covered, ms. */
  busyMs: number;
  /** False when the windows matched no samples and the whole profile was used instead. */
  windowed: boolean;
  functions: ProfileEntry[];
  packages: ProfileEntry[];
}

// '(program)' is native work outside JS (HTTP parsing, libuv, the compiler): busy, so it stays.
const IDLE = new Set(['(idle)']);

/** `node_modules/@scope/name/…` → `@scope/name`; this repository's files → `academy:<folder>`; Node's own → `node:internal`. */
function packageOf(url: string, functionName: string): string {
  if (url === '') return functionName.startsWith('(') ? functionName : 'native';
  if (url.startsWith('node:')) return 'node:internal';
  const path = url.replace(/^file:\/\//, '');
  const at = path.lastIndexOf(`node_modules${sep}`);
  if (at >= 0) {
    const parts = path.slice(at + 'node_modules/'.length).split(sep);
    return parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
  }
  const repo = path.match(/\/(gateway|packages\/[^/]+|subgraphs\/[^/]+|bench)\//);
  return repo ? `academy:${repo[1]}` : path;
}

function top(map: Map<string, number>, total: number, count: number, intervalMs: number): ProfileEntry[] {
  return [...map.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, hits]) => ({ name, selfMs: Math.round(hits * intervalMs), share: total ? hits / total : 0 }));
}

/**
 * Self time by function and by package, from the samples that fall in the windows (the measured
 * load phases), so start-up compilation and idle time do not drown the per-request costs.
 */
export async function summarizeCpuProfile(path: string, windows: ProfileWindow[] = [], count = 20): Promise<ProfileSummary> {
  const profile = JSON.parse(await readFile(path, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const intervalMs = (profile.endTime - profile.startTime) / 1000 / Math.max(profile.samples.length, 1);

  const inWindow = (t: number) => windows.some((w) => t >= w.startMicros && t <= w.endMicros);
  const collect = (useWindows: boolean) => {
    const functions = new Map<string, number>();
    const packages = new Map<string, number>();
    let busy = 0;
    let t = profile.startTime;
    profile.samples.forEach((id, i) => {
      t += profile.timeDeltas[i] ?? 0;
      if (useWindows && !inWindow(t)) return;
      const frame = byId.get(id)?.callFrame;
      if (!frame || IDLE.has(frame.functionName)) return;
      busy++;
      const file = frame.url.split('/').slice(-2).join('/');
      const fn = `${frame.functionName || '(anonymous)'} ${file ? `${file}:${frame.lineNumber + 1}` : ''}`.trim();
      functions.set(fn, (functions.get(fn) ?? 0) + 1);
      const pkg = packageOf(frame.url, frame.functionName);
      packages.set(pkg, (packages.get(pkg) ?? 0) + 1);
    });
    return { functions, packages, busy };
  };

  let windowed = windows.length > 0;
  let collected = collect(windowed);
  if (windowed && collected.busy === 0) {
    windowed = false;
    collected = collect(false);
  }
  return {
    busyMs: Math.round(collected.busy * intervalMs),
    windowed,
    functions: top(collected.functions, collected.busy, count, intervalMs),
    packages: top(collected.packages, collected.busy, count, intervalMs),
  };
}

/** Now on the clock V8's profiles use. */
export function monotonicMicros(): number {
  return Number(process.hrtime.bigint() / 1000n);
}
