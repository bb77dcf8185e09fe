export { BoundedLabel, OTHER_LABEL } from './bounded-label';
export { CIRCUIT_STATES, type CircuitMetrics, type CircuitState, createCircuitMetrics, type WatchableCircuit } from './circuit-metrics';
export { createHttpMetrics, defaultRouteOf, type RouteOf } from './http-metrics';
export { METRICS_PATH, type MetricsEndpointOptions, serveMetrics } from './metrics-endpoint';
export { Counter, createMetricsRegistry, Gauge, Histogram, LATENCY_BUCKETS, metricOf, type MetricsRegistryOptions, Registry } from './metrics-registry';
export { WindowTally, type WindowTallyOptions } from './window-tally';
