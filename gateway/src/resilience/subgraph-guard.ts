import type { Logger } from '@academy/service-kit';
import { BrokenCircuitError, CircuitState, circuitBreaker, ConsecutiveBreaker, handleWhen } from 'cockatiel';
import { RetryBudget } from './retry-budget';

export type CircuitStateName = 'closed' | 'open' | 'half-open';

/** How a failed call failed, as far as resilience cares; null: not a failure of the subgraph (e.g. a 4xx). */
export type FailureKind = 'unreachable' | 'timeout' | 'server_error';

export interface SubgraphGuardOptions {
  subgraph: string;
  /** Extra attempts for a failed query (never a mutation). @default 1 */
  maxRetries?: number;
  /** Retries as a share of calls over the last 10 s. @default 0.1 */
  retryBudget?: number;
  /** Consecutive failures that open the circuit. @default 5 */
  breakerFailures?: number;
  /** How long the circuit stays open before one call may probe. @default 10_000 */
  halfOpenAfterMs?: number;
  /** Tells the subgraph's failures from its answers. */
  classify: (error: unknown) => FailureKind | null;
  logger: Logger;
}

const STATE_NAMES: Record<CircuitState, CircuitStateName> = {
  [CircuitState.Closed]: 'closed',
  [CircuitState.Open]: 'open',
  [CircuitState.HalfOpen]: 'half-open',
  [CircuitState.Isolated]: 'open',
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One subgraph's circuit breaker (cockatiel) and query retries. Only infrastructure failures count:
 * the subgraph unreachable, timing out or answering 5xx. A GraphQL error in a 200 answer, or a 4xx,
 * is the subgraph working. Timeouts open the circuit but are not retried (the subgraph is slow, and
 * a retry would add load exactly then).
 */
export function createSubgraphGuard({ subgraph, maxRetries = 1, retryBudget = 0.1, breakerFailures = 5, halfOpenAfterMs = 10_000, classify, logger }: SubgraphGuardOptions) {
  const breaker = circuitBreaker(
    handleWhen((error) => classify(error) !== null),
    { halfOpenAfter: halfOpenAfterMs, breaker: new ConsecutiveBreaker(breakerFailures) },
  );
  const budget = new RetryBudget(retryBudget);
  const listeners = new Set<(state: CircuitStateName) => void>();
  breaker.onStateChange((state) => {
    const name = STATE_NAMES[state];
    logger.warn({ subgraph, circuit: name }, `circuit of subgraph "${subgraph}" is ${name}`);
    for (const listener of listeners) listener(name);
  });

  return {
    /**
     * Runs one call through the breaker, retried (queries only) on an unreachable or 5xx subgraph while
     * the budget allows. Throws `BrokenCircuitError` when the circuit is open.
     */
    async run<T>(call: () => Promise<T>, { retryable }: { retryable: boolean }): Promise<T> {
      budget.recordCall();
      for (let attempt = 0; ; attempt++) {
        try {
          return await breaker.execute(call);
        } catch (error) {
          const kind = classify(error);
          const transient = kind === 'unreachable' || kind === 'server_error';
          if (!retryable || !transient || attempt >= maxRetries || !budget.tryRetry()) throw error;
          logger.debug({ subgraph, attempt: attempt + 1 }, 'retrying a failed subgraph query');
          await sleep(25 * 2 ** attempt * (0.5 + Math.random()));
        }
      }
    },
    state: (): CircuitStateName => STATE_NAMES[breaker.state],
    onStateChange(listener: (state: CircuitStateName) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export type SubgraphGuard = ReturnType<typeof createSubgraphGuard>;
export { BrokenCircuitError };
