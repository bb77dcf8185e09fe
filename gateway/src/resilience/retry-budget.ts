/**
 * Retries allowed as a share of recent calls (Finagle's and Envoy's retry budget): when a subgraph
 * fails wholesale, retries add at most `ratio` more load instead of multiplying it. A floor of
 * `minPerSecond` keeps retries possible at low traffic.
 */
export class RetryBudget {
  private calls: number[] = [];
  private retries: number[] = [];

  constructor(
    private readonly ratio: number,
    private readonly minPerSecond = 1,
    private readonly windowMs = 10_000,
    private readonly now: () => number = Date.now,
  ) {
    if (!(ratio >= 0)) throw new RangeError(`ratio must be ≥ 0, got ${ratio}`);
  }

  private prune(list: number[], at: number): number[] {
    const from = at - this.windowMs;
    let index = 0;
    while (index < list.length && list[index] <= from) index++;
    return index === 0 ? list : list.slice(index);
  }

  recordCall(): void {
    this.calls.push(this.now());
  }

  /** Takes a retry from the budget if it has one. */
  tryRetry(): boolean {
    const at = this.now();
    this.calls = this.prune(this.calls, at);
    this.retries = this.prune(this.retries, at);
    const allowed = Math.max(this.calls.length * this.ratio, (this.minPerSecond * this.windowMs) / 1000);
    if (this.retries.length >= allowed) return false;
    this.retries.push(at);
    return true;
  }
}
