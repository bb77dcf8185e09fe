import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { systemTool } from './support/tools';

const promtool = systemTool('promtool', ['/usr/bin/promtool']);
const dir = join(__dirname, '..', '..', 'prometheus');
const run = promisify(execFile);

describe.skipIf(!promtool)(`Prometheus alert rules${promtool ? '' : ' (skipped: promtool is not installed; apt-get install prometheus)'}`, () => {
  it('are valid rules', async () => {
    const { stdout } = await run(promtool!, ['check', 'rules', 'alert-rules.yml'], { cwd: dir });
    expect(stdout).toContain('SUCCESS: 7 rules found');
  });

  it('fire above their thresholds and stay quiet below, on synthetic series', async () => {
    const result = await run(promtool!, ['test', 'rules', 'alert-rules.test.yml'], { cwd: dir }).catch((error: { stdout: string; stderr: string }) => error);
    expect(`${result.stdout}${result.stderr}`).toContain('SUCCESS');
  });
});
