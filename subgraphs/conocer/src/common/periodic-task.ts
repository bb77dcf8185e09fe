import type { Logger } from '@academy/service-kit';

/**
 * Runs `task` every `intervalMs`, and soon after `kick()`, so work written by this process is picked
 * up at once while work left by crashed or other processes is found by polling. Runs never overlap and
 * kicks coalesce (at most one run waits behind the current one). A failing run is logged and retried
 * on the next tick; `stop()` waits for the running one.
 */
export class PeriodicTask {
  private timer: NodeJS.Timeout | undefined;
  private chain: Promise<void> = Promise.resolve();
  private queued: Promise<void> | undefined;
  private stopped = true;

  constructor(
    private readonly name: string,
    private readonly intervalMs: number,
    private readonly task: () => Promise<unknown>,
    private readonly logger: Logger,
  ) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule(0);
  }

  /** Run soon: right away, or right after the current run. */
  kick(): void {
    if (!this.stopped) this.schedule(0);
  }

  /** A run after the current one, awaited (even when stopped): for callers that need its effect, and tests. */
  runNow(): Promise<void> {
    const run = this.chain.then(() => this.execute());
    this.chain = run;
    return run;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.chain;
  }

  private schedule(delayMs: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.run().finally(() => {
        if (!this.stopped && this.timer === undefined) this.schedule(this.intervalMs);
      });
    }, delayMs);
  }

  /** Queued behind the current run; a run queued already is shared. Skipped once stopped. */
  private run(): Promise<void> {
    if (this.queued) return this.queued;
    const run = this.chain.then(async () => {
      this.queued = undefined;
      if (!this.stopped) await this.execute();
    });
    this.queued = run;
    this.chain = run;
    return run;
  }

  private async execute(): Promise<void> {
    try {
      await this.task();
    } catch (error) {
      this.logger.warn({ err: error, task: this.name }, `${this.name} failed; retrying on the next run`);
    }
  }
}
