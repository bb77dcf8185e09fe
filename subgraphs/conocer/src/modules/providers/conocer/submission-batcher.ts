export interface BatcherOptions {
  /** Items per batch at most. */
  maxSize: number;
  /** How long the first item of a batch waits for others. */
  windowMs: number;
}

interface Waiting<TItem, TResult> {
  item: TItem;
  resolve(result: TResult): void;
  reject(error: unknown): void;
}

/**
 * Gathers items handed in concurrently into one call, as an ECE submits its results in lotes: each
 * caller still gets its own item's result, or the batch's error. A batch leaves when it is full or its
 * window ends, whichever is first.
 */
export class SubmissionBatcher<TItem, TResult> {
  private waiting: Waiting<TItem, TResult>[] = [];
  private timer: NodeJS.Timeout | undefined;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly send: (items: TItem[]) => Promise<TResult[]>,
    private readonly options: BatcherOptions,
  ) {}

  add(item: TItem): Promise<TResult> {
    return new Promise<TResult>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      if (this.waiting.length >= this.options.maxSize) this.flush();
      else this.timer ??= setTimeout(() => this.flush(), this.options.windowMs);
    });
  }

  /** Sends what waits and waits for every batch in flight. */
  async close(): Promise<void> {
    this.flush();
    await Promise.allSettled([...this.inFlight]);
  }

  private flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.waiting.splice(0, this.options.maxSize);
    if (this.waiting.length > 0) this.timer = setTimeout(() => this.flush(), 0);
    if (batch.length === 0) return;
    const sending = this.send(batch.map((w) => w.item)).then(
      (results) => {
        if (results.length !== batch.length) throw new Error(`the batch answered ${results.length} results for ${batch.length} items`);
        for (const [i, w] of batch.entries()) w.resolve(results[i]!);
      },
      (error: unknown) => {
        for (const w of batch) w.reject(error);
      },
    ).catch((error: unknown) => {
      for (const w of batch) w.reject(error);
    });
    this.inFlight.add(sending);
    void sending.finally(() => this.inFlight.delete(sending));
  }
}
