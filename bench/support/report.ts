import { execFileSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';

export const RESULTS_DIR = join(__dirname, '..', 'results');

/** A plain-text table, numeric columns (`–` for none) right-aligned; also valid Markdown, so it can be pasted into BENCHMARKS.md. */
export function formatTable(headers: string[], rows: (string | number)[][]): string {
  const cells = rows.map((row) => row.map(String));
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((row) => row[i]?.length ?? 0)));
  const numeric = headers.map((_, i) => cells.length > 0 && cells.every((row) => /^([-\d.,]+( ?[%x×])?|–)$/.test(row[i] ?? '')));
  const pad = (value: string, i: number) => (numeric[i] ? value.padStart(widths[i]!) : value.padEnd(widths[i]!));
  const line = (values: string[]) => `| ${values.map(pad).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (numeric[i] ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`;
  return [line(headers), rule, ...cells.map(line)].join('\n');
}

/** `a / b` as `0.42×`; `n/a` when either side is missing or zero. */
export function formatRatio(a: number | undefined, b: number | undefined): string {
  if (!a || !b) return 'n/a';
  return `${(a / b).toFixed(2)}×`;
}

export function formatNumber(value: number, digits = 0): string {
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export interface MachineInfo {
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
  node: string;
  platform: string;
  /** The commit benchmarked, with `-dirty` when the tree has changes. */
  commit: string | null;
}

export function machineInfo(): MachineInfo {
  let commit: string | null = null;
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() !== '';
    commit = dirty ? `${head}-dirty` : head;
  } catch {
    // Not a git checkout (an exported tree): the result is still useful without it.
  }
  return {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    commit,
  };
}

/** Writes `bench/results/<benchmark>-<timestamp>.json` (the folder is gitignored) and returns its path. */
export async function writeResult(benchmark: string, result: unknown): Promise<string> {
  await mkdir(RESULTS_DIR, { recursive: true });
  const path = join(RESULTS_DIR, `${benchmark}-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  await writeFile(path, `${JSON.stringify(result, null, 2)}\n`);
  return path;
}
