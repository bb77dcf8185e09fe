/**
 * What graphql-js's (internal) `mapAsyncIterator` does for `subscribe`: each source event through `map`;
 * an error of the source stream reaches the consumer as it is; an error of `map` closes the source
 * first; `return()` (the client unsubscribed or disconnected) returns the source, which ends its
 * listener, so nothing is left behind.
 */
export function mapEventStream<T, R>(source: AsyncIterable<T>, map: (value: T) => R | Promise<R>): AsyncIterableIterator<R> {
  const iterator = source[Symbol.asyncIterator]();

  async function closeQuietly(): Promise<void> {
    try {
      await iterator.return?.();
    } catch {
      // Keep the original error when closing the source fails too.
    }
  }

  async function mapped(step: IteratorResult<T>): Promise<IteratorResult<R>> {
    if (step.done) return step;
    try {
      return { value: await map(step.value), done: false };
    } catch (error) {
      await closeQuietly();
      throw error;
    }
  }

  return {
    next: async () => mapped(await iterator.next()),
    return: async () => (iterator.return ? mapped(await iterator.return()) : { value: undefined, done: true }),
    async throw(error?: unknown) {
      if (iterator.throw) return mapped(await iterator.throw(error));
      await closeQuietly();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
