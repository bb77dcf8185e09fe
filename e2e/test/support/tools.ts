import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/**
 * The path of a system tool the suites need (promtool, chromium), or null. Suites skip without it,
 * saying how to install it; with REQUIRE_TOOLS=1 (set by .ci/run) a missing tool fails instead.
 */
export function systemTool(name: string, candidates: string[]): string | null {
  for (const path of candidates) if (existsSync(path)) return path;
  try {
    return execFileSync('which', [name], { encoding: 'utf8' }).trim() || null;
  } catch {
    if (process.env.REQUIRE_TOOLS === '1') throw new Error(`REQUIRE_TOOLS=1 but ${name} is not installed`);
    return null;
  }
}
