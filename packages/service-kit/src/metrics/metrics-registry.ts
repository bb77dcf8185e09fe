import { collectDefaultMetrics, Registry } from 'prom-client';

export { Counter, Gauge, Histogram, Registry } from 'prom-client';

export interface MetricsRegistryOptions {
  /** Process figures (CPU, memory, event-loop lag, GC): once per process is enough, so the embedded default adds them to one registry. @default true */
  processMetrics?: boolean;
}

/** Latency buckets in seconds; 2 s is one of them because the response-time alert's threshold is 2 s. */
export const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10];

/**
 * One registry per service, every series labelled with `service`, so the embedded default (all services
 * in one process, each on its own port) exposes each service's figures on that service's `/metrics`.
 */
export function createMetricsRegistry(service: string, { processMetrics = true }: MetricsRegistryOptions = {}): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  if (processMetrics) collectDefaultMetrics({ register: registry });
  return registry;
}

/**
 * The metric of that name already in the registry, or a new one: a registry shared by several
 * components (two event buses of one process, a gateway rebuilt on reload) gets one family each.
 */
export function metricOf<T>(registry: Registry, name: string, create: () => T): T {
  return (registry.getSingleMetric(name) as T | undefined) ?? create();
}
