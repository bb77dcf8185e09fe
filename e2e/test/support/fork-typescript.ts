import { type ChildProcess, fork } from 'node:child_process';
import { resolve } from 'node:path';

const REPO = resolve(__dirname, '..', '..', '..');

/**
 * A Node process running a TypeScript module of the repository, loaded the way `npm run serve` loads
 * the services (workspace packages from their sources), with an IPC channel and none of the test
 * runner's environment beyond PATH and HOME.
 */
export function forkTypeScript(module: string, stdout: 'pipe' | 'inherit' = 'inherit'): ChildProcess {
  return fork(module, [], {
    cwd: REPO,
    execArgv: ['--conditions=development', '-r', '@swc-node/register'],
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' },
    stdio: ['ignore', stdout, stdout, 'ipc'],
  });
}
