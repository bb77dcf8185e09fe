import type { ConsumeOptions } from './event-bus';

export type ResolvedConsumeOptions = Required<ConsumeOptions>;

export function resolveConsumeOptions(options: ConsumeOptions = {}): ResolvedConsumeOptions {
  const resolved = {
    maxAttempts: options.maxAttempts ?? 5,
    retryDelayMs: options.retryDelayMs ?? 1000,
    maxRetryDelayMs: options.maxRetryDelayMs ?? 30_000,
    concurrency: options.concurrency ?? 10,
    handlerTimeoutMs: options.handlerTimeoutMs ?? 30_000,
  };
  for (const [name, value] of Object.entries(resolved)) {
    if (!Number.isInteger(value) || value < 1) throw new RangeError(`${name} must be a positive integer, got ${value}`);
  }
  return resolved;
}

/** Wait after the `attempt`-th failure: doubled per attempt, capped. */
export function retryDelay(attempt: number, { retryDelayMs, maxRetryDelayMs }: ResolvedConsumeOptions): number {
  return Math.min(retryDelayMs * 2 ** (attempt - 1), maxRetryDelayMs);
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
