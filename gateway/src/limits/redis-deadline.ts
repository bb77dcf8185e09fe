/**
 * Rejects with `message` when `work` has not settled `ms` after the call, not counting an answer
 * that had already arrived and was only waiting for this process to read it.
 *
 * A plain timer race (`withDeadline`) blames Redis for this process's own event-loop lag: on a busy
 * loop the timers phase runs before the poll phase that would read Redis's reply from the socket,
 * so every call that happens to span a long turn "times out" although Redis answered in well under
 * a millisecond. Under load that sent a large share of limit decisions to the failure policy while
 * Redis was healthy, and the local fallback admitted far more than the shared budget. Here the timer
 * only arms a check that runs after the next poll phase (`setImmediate`); replies read in that phase
 * settle `work` first (their promise chains run as microtasks right after each I/O callback).
 */
export function withRedisDeadline<T>(work: Promise<T>, ms: number, message: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const timer = setTimeout(() => {
      setImmediate(() => {
        if (settled) return;
        settled = true;
        reject(new Error(message));
      });
    }, ms);
    work.then(
      (value) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
