import { CircuitState, circuitBreaker, ConsecutiveBreaker, handleWhen } from 'cockatiel';
import { countsAgainstCircuit } from './conocer-error';
import type { CircuitStateName } from './types';

export interface CircuitOptions {
  failureThreshold: number;
  halfOpenAfterMs: number;
}

function nameOf(state: CircuitState): CircuitStateName {
  if (state === CircuitState.Closed) return 'closed';
  if (state === CircuitState.HalfOpen) return 'half-open';
  // Isolated (manual hold-open) is not used by the client; it reads as open.
  return 'open';
}

/**
 * cockatiel's circuit breaker: `failureThreshold` consecutive unavailable/timeout failures open it;
 * after `halfOpenAfterMs` the next call is let through as a probe, whose success closes it and
 * whose failure opens it again. Throttling (429) and the caller's own mistakes never count.
 */
export function createCircuit({ failureThreshold, halfOpenAfterMs }: CircuitOptions) {
  const policy = circuitBreaker(handleWhen(countsAgainstCircuit), { halfOpenAfter: halfOpenAfterMs, breaker: new ConsecutiveBreaker(failureThreshold) });
  return {
    execute: <T>(run: () => Promise<T>): Promise<T> => policy.execute(run),
    state: (): CircuitStateName => nameOf(policy.state),
    onChange: (listener: (state: CircuitStateName) => void): (() => void) => {
      const subscription = policy.onStateChange((state) => listener(nameOf(state)));
      return () => subscription.dispose();
    },
  };
}

export type Circuit = ReturnType<typeof createCircuit>;
