/** Rejects with `onTimeout()` if `work` has not settled within `ms`; the timer never outlives the race. */
export async function withDeadline<T>(work: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onTimeout()), ms);
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** Runs `handler` as a promise even if it throws synchronously. */
export function invoke<A>(handler: (arg: A) => Promise<void>, arg: A): Promise<void> {
  return new Promise<void>((resolve) => resolve(handler(arg)));
}
