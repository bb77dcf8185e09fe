/**
 * A bounded queue for async iterators (a `RepeaterBuffer` for `@repeaterjs/repeater`): never blocks the
 * producer; when full, the oldest value is dropped and reported, so one slow consumer costs bounded
 * memory and the loss is visible (Apollo Router's subscription queues behave the same way).
 */
export class DropOldestBuffer<T = unknown> {
  private readonly queue: T[] = [];

  constructor(
    private readonly capacity: number,
    private readonly onDrop: (dropped: T) => void = () => {},
  ) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`capacity must be a positive integer, got ${capacity}`);
  }

  get empty(): boolean {
    return this.queue.length === 0;
  }

  /** Never full: adding to a full queue drops its oldest value instead. */
  get full(): boolean {
    return false;
  }

  get size(): number {
    return this.queue.length;
  }

  add(value: T): void {
    if (this.queue.length >= this.capacity) this.onDrop(this.queue.shift() as T);
    this.queue.push(value);
  }

  remove(): T {
    if (this.queue.length === 0) throw new Error('buffer is empty');
    return this.queue.shift() as T;
  }
}
