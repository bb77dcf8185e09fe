import { createLogger } from '@academy/service-kit';
import { describe, expect, it } from 'vitest';
import { PeriodicTask } from './periodic-task';

const logger = createLogger({ service: 'periodic-task-test', level: 'silent' });
const waitFor = async (condition: () => boolean) => {
  for (let i = 0; i < 500 && !condition(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(condition()).toBe(true);
};

describe('PeriodicTask', () => {
  it('runs at start and on kicks, never two runs at once, and keeps going after a failure', async () => {
    let active = 0;
    let overlapped = false;
    let runs = 0;
    const task = new PeriodicTask(
      'test',
      60_000,
      async () => {
        active++;
        overlapped ||= active > 1;
        runs++;
        await new Promise((r) => setTimeout(r, 20));
        active--;
        if (runs === 2) throw new Error('boom');
      },
      logger,
    );
    task.start();
    await waitFor(() => runs === 1 && active === 0);
    for (let i = 0; i < 5; i++) task.kick();
    await Promise.all([task.runNow(), task.runNow()]);
    task.kick();
    await waitFor(() => runs >= 4 && active === 0);
    await task.stop();
    const after = runs;
    task.kick();
    await new Promise((r) => setTimeout(r, 50));
    expect(runs).toBe(after);
    expect(overlapped).toBe(false);
  });
});
