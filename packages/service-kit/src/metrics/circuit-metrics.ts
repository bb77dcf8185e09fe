import { Counter, Gauge, type Registry } from 'prom-client';
import { metricOf } from './metrics-registry';

export const CIRCUIT_STATES = ['closed', 'open', 'half-open'] as const;
export type CircuitState = (typeof CIRCUIT_STATES)[number];

/** What a circuit breaker offers to be watched (the gateway's subgraph guards, the CONOCER client). */
export interface WatchableCircuit {
  state(): CircuitState;
  onStateChange(listener: (state: CircuitState) => void): () => void;
}

/**
 * `academy_circuit_state{circuit, state}` (1 for the current state, 0 for the others, read at scrape
 * time) and `academy_circuit_transitions_total{circuit, state}`, for every breaker a service watches.
 */
export function createCircuitMetrics(registry: Registry) {
  const circuits = new Map<string, () => CircuitState>();
  metricOf(
    registry,
    'academy_circuit_state',
    () =>
      new Gauge({
        name: 'academy_circuit_state',
        help: 'Circuit-breaker state: 1 on the current state (closed, open, half-open), 0 on the others.',
        labelNames: ['circuit', 'state'],
        registers: [registry],
        collect() {
          for (const [circuit, state] of circuits) {
            const current = state();
            for (const name of CIRCUIT_STATES) this.set({ circuit, state: name }, name === current ? 1 : 0);
          }
        },
      }),
  );
  const transitions = metricOf(
    registry,
    'academy_circuit_transitions_total',
    () => new Counter({ name: 'academy_circuit_transitions_total', help: 'Circuit-breaker state changes, by circuit and the state entered.', labelNames: ['circuit', 'state'], registers: [registry] }),
  );
  return {
    /** Reports `circuit` (e.g. `subgraph:conocer`, `conocer-api`) from now on. */
    watch(circuit: string, breaker: WatchableCircuit): () => void {
      circuits.set(circuit, () => breaker.state());
      return breaker.onStateChange((state) => transitions.inc({ circuit, state }));
    },
  };
}

export type CircuitMetrics = ReturnType<typeof createCircuitMetrics>;
