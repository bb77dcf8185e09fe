import { join } from 'node:path';
import { forkTypeScript } from './fork-typescript';
import type { LoadOptions, Outcome } from './load';

export type LoadProcessMessage = { type: 'started' } | { type: 'done'; outcomes: Outcome[] };

/**
 * `runLoad` in a separate process: the load generator apart from the system under test.
 * `onStarted` runs when its clients start sending, e.g. to cut a dependency mid-run.
 */
export function runLoadInProcess(options: LoadOptions, onStarted?: () => void): Promise<Outcome[]> {
  const child = forkTypeScript(join(__dirname, 'load-process-entry.ts'));
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`the load process exited (code ${code}) before reporting`));
    child.once('exit', onExit);
    child.on('message', (message: LoadProcessMessage) => {
      if (message.type === 'started') return onStarted?.();
      child.off('exit', onExit);
      resolve(message.outcomes);
    });
    child.send(options);
  });
}
