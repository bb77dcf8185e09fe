import type { Logger } from '@academy/service-kit';
import { Cron } from 'croner';

export interface SyncSchedule {
  /** The next planned run, or null when scheduling is off. */
  next(): Date | null;
  stop(): void;
}

/**
 * Runs `run` on a cron schedule in a time zone. Every replica schedules it; the sync lock lets one
 * of them run. `protect` skips a tick while the previous one is still running in this process.
 */
export function startSyncSchedule(expression: string, timezone: string, run: () => Promise<void>, logger: Logger): SyncSchedule {
  if (expression === 'off') return { next: () => null, stop: () => undefined };
  const job = new Cron(expression, { timezone, protect: true, catch: (error) => logger.error({ err: error }, 'scheduled standards sync failed to start') }, run);
  logger.info({ schedule: expression, timezone, next: job.nextRun()?.toISOString() }, 'standards sync scheduled');
  return { next: () => job.nextRun(), stop: () => job.stop() };
}
