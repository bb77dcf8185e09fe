/** setTimeout/setImmediate that stop() can cancel all at once, so a closed bus leaves no timers. */
export class Scheduler {
  private readonly timeouts = new Set<NodeJS.Timeout>();
  private readonly immediates = new Set<NodeJS.Immediate>();
  private stopped = false;

  /** On a later turn of the event loop: never inside the caller's stack, as over a network. */
  soon(run: () => void): void {
    if (this.stopped) return;
    const immediate = setImmediate(() => {
      this.immediates.delete(immediate);
      run();
    });
    this.immediates.add(immediate);
  }

  later(run: () => void, ms: number): void {
    if (this.stopped) return;
    const timeout = setTimeout(() => {
      this.timeouts.delete(timeout);
      run();
    }, ms);
    this.timeouts.add(timeout);
  }

  /** Cancels everything pending; later calls do nothing, so running handlers cannot re-arm timers. */
  stop(): void {
    this.stopped = true;
    for (const timeout of this.timeouts) clearTimeout(timeout);
    for (const immediate of this.immediates) clearImmediate(immediate);
    this.timeouts.clear();
    this.immediates.clear();
  }
}
