export interface IngestionBufferOptions<T, R> {
  /** Handles one batch; returns one result per item, in order. A throw fails every item of the batch. */
  process(items: T[]): Promise<R[]>;
  /** Items per batch at most. @default 1000 */
  maxBatch?: number;
  /** How long the first queued item waits for others before a partial batch goes. @default 5 */
  lingerMs?: number;
  /** Batches processed at once. @default 2 */
  concurrency?: number;
  /** Items queued at most; `submit` waits for room beyond (backpressure, bounded memory). @default 20000 */
  maxQueued?: number;
}

interface Pending<T, R> {
  item: T;
  resolve(result: R): void;
  reject(error: unknown): void;
}

/**
 * The pipeline's ingestion buffer: callers submit events one or many at a time and wait for their own
 * results, while the buffer hands the processor batches of up to `maxBatch` items, so a burst of
 * single-event requests is written in a few statements (group commit). Closing drains what is queued.
 */
export class IngestionBuffer<T, R> {
  private readonly queue: Pending<T, R>[] = [];
  private readonly waitingForRoom: (() => void)[] = [];
  private readonly options: Required<Omit<IngestionBufferOptions<T, R>, 'process'>>;
  private readonly processor: IngestionBufferOptions<T, R>['process'];
  private running = 0;
  private timer: NodeJS.Timeout | null = null;
  private closed = false;
  private idle: (() => void)[] = [];

  constructor(processor: IngestionBufferOptions<T, R>['process'], options: Omit<IngestionBufferOptions<T, R>, 'process'> = {}) {
    this.processor = processor;
    this.options = { maxBatch: options.maxBatch ?? 1000, lingerMs: options.lingerMs ?? 5, concurrency: options.concurrency ?? 2, maxQueued: options.maxQueued ?? 20_000 };
  }

  /** Items waiting for a batch (the pipeline's queue depth). */
  depth(): number {
    return this.queue.length;
  }

  async submit(items: readonly T[]): Promise<R[]> {
    if (this.closed) throw new Error('the ingestion buffer is closed');
    while (this.queue.length > 0 && this.queue.length + items.length > this.options.maxQueued) {
      await new Promise<void>((resolve) => this.waitingForRoom.push(resolve));
      if (this.closed) throw new Error('the ingestion buffer is closed');
    }
    const results = items.map((item) => new Promise<R>((resolve, reject) => this.queue.push({ item, resolve, reject })));
    this.schedule();
    return Promise.all(results);
  }

  /** Stops taking items and resolves once every queued one was processed. */
  async close(): Promise<void> {
    this.closed = true;
    for (const wake of this.waitingForRoom.splice(0)) wake();
    this.drain();
    if (this.queue.length === 0 && this.running === 0) return;
    await new Promise<void>((resolve) => this.idle.push(resolve));
  }

  private schedule(): void {
    if (this.queue.length >= this.options.maxBatch) {
      this.drain();
      return;
    }
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.drain();
    }, this.options.lingerMs);
  }

  private drain(): void {
    while (this.running < this.options.concurrency && this.queue.length > 0) {
      const batch = this.queue.splice(0, this.options.maxBatch);
      for (const wake of this.waitingForRoom.splice(0)) wake();
      this.running++;
      void this.run(batch);
    }
    if (this.queue.length > 0 && this.running < this.options.concurrency) this.schedule();
  }

  private async run(batch: Pending<T, R>[]): Promise<void> {
    try {
      const results = await this.processor(batch.map((pending) => pending.item));
      for (const [index, pending] of batch.entries()) pending.resolve(results[index]!);
    } catch (error) {
      for (const pending of batch) pending.reject(error);
    } finally {
      this.running--;
      // Whatever queued up while this batch ran goes now, without lingering again.
      this.drain();
      if (this.running === 0 && this.queue.length === 0) for (const done of this.idle.splice(0)) done();
    }
  }
}
