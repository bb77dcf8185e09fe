import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

let ticksPerSecond: number | undefined;

/** USER_HZ, the unit of /proc/stat (100 on every common Linux build, asked anyway). */
function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

/**
 * CPU time the whole machine spent busy so far, µs (every process, not just ours), and the part of
 * it the hypervisor gave to other guests (steal), from the aggregate line of /proc/stat; null where
 * there is no /proc (not Linux).
 */
export function machineCpuMicros(): { busy: number; steal: number } | null {
  let line: string | undefined;
  try {
    line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0];
  } catch {
    return null;
  }
  if (!line?.startsWith('cpu ')) return null;
  // user nice system idle iowait irq softirq steal (guest time is already inside user and nice)
  const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = line.trim().split(/\s+/).slice(1).map(Number);
  const micros = (ticks: number) => (ticks / clockTicks()) * 1e6;
  return { busy: micros(user + nice + system + irq + softirq + steal), steal: micros(steal) };
}

/** Cores the machine keeps busy over `ms` without us doing anything: other work that would skew a run. */
export async function backgroundCores(ms = 2000): Promise<number | null> {
  const before = machineCpuMicros();
  await new Promise((resolve) => setTimeout(resolve, ms));
  const after = machineCpuMicros();
  return before === null || after === null ? null : (after.busy - before.busy) / 1e3 / ms;
}

/** Above this many cores of other work a run's numbers are not comparable with a quiet machine's. */
export const NOISY_CORES = 0.2;
