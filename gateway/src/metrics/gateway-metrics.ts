import { BoundedLabel, Counter, createCircuitMetrics, Gauge, Histogram, LATENCY_BUCKETS, type Registry, type WatchableCircuit, WindowTally } from '@academy/service-kit';
import type { BudgetPath } from '../limits';
import type { EndReason } from '../subscriptions';

export interface GatewayMetricsOptions {
  /** Distinct operation names kept as labels; later names are counted as `other`. @default 200 */
  maxOperationLabels?: number;
  /** Tenants shown by name in the tenant-distribution gauge; the rest are summed as `other`. @default 10 */
  topTenants?: number;
  /** Window of the tenant distribution. @default 300_000 (5 minutes) */
  tenantWindowMs?: number;
}

export type OperationOutcome = 'ok' | 'client_error' | 'server_error' | 'rejected';
export type SubgraphOutcome = 'ok' | 'error' | 'failure';
export type FallbackLimiter = 'rate' | 'bucket' | 'subscription_slots';
export type ExecutorName = 'compiled' | 'apollo';
/** What was executed: a client's query or mutation, or one event of a subscription (its fields from other subgraphs). */
export type ExecutionKind = 'operation' | 'subscription_event';

const COST_BUCKETS = [1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10_000];

/**
 * The gateway's metric families. Label values are bounded: operation names by `BoundedLabel`, tenants
 * by a top-N gauge over a sliding window, error codes by the registry, subgraphs by the supergraph.
 */
export function createGatewayMetrics(registry: Registry, { maxOperationLabels = 200, topTenants = 10, tenantWindowMs = 300_000 }: GatewayMetricsOptions = {}) {
  const operationLabel = new BoundedLabel(maxOperationLabels);
  const tenants = new WindowTally({ windowMs: tenantWindowMs });
  const registers = [registry];

  const operations = new Counter({
    name: 'academy_gateway_operations_total',
    help: 'GraphQL operations answered, by operation name, type and outcome (ok, client_error, server_error, rejected by a limit).',
    labelNames: ['operation', 'operation_type', 'outcome'],
    registers,
  });
  const operationDuration = new Histogram({
    name: 'academy_gateway_operation_duration_seconds',
    help: 'Time to answer a GraphQL operation (subscriptions: until admitted).',
    labelNames: ['operation', 'operation_type'],
    buckets: LATENCY_BUCKETS,
    registers,
  });
  const operationErrors = new Counter({
    name: 'academy_gateway_operation_errors_total',
    help: 'GraphQL errors in responses, by operation and extensions.code.',
    labelNames: ['operation', 'code'],
    registers,
  });
  const subgraphRequests = new Counter({
    name: 'academy_gateway_subgraph_requests_total',
    help: 'Gateway calls to subgraphs, by subgraph and outcome (ok, error: GraphQL errors in the answer, failure: no usable answer).',
    labelNames: ['subgraph', 'outcome'],
    registers,
  });
  const subgraphDuration = new Histogram({
    name: 'academy_gateway_subgraph_request_duration_seconds',
    help: 'Duration of gateway calls to subgraphs.',
    labelNames: ['subgraph'],
    buckets: LATENCY_BUCKETS,
    registers,
  });
  new Gauge({
    name: 'academy_gateway_tenant_requests',
    help: `Operations per tenant (slug) over the last ${tenantWindowMs / 60_000} minutes: the ${topTenants} busiest by name, the rest as "other".`,
    labelNames: ['tenant'],
    registers,
    collect() {
      this.reset();
      for (const [tenant, count] of tenants.top(topTenants)) this.set({ tenant }, count);
    },
  });
  const rejections = new Counter({
    name: 'academy_gateway_limit_rejections_total',
    help: 'Operations refused by demand control, by extensions.code (RATE_LIMITED, THROTTLED, COST_LIMIT_EXCEEDED, structural limits, SUBSCRIPTION_LIMIT_REACHED).',
    labelNames: ['code'],
    registers,
  });
  const cost = new Histogram({
    name: 'academy_gateway_operation_cost',
    help: 'Operation cost in points: estimated before execution, actual after.',
    labelNames: ['kind'],
    buckets: COST_BUCKETS,
    registers,
  });
  // Twice per operation: the labelled children are looked up once, not hashed per call.
  const costByKind = { estimated: cost.labels('estimated'), actual: cost.labels('actual') };
  const redisFallbacks = new Counter({
    name: 'academy_gateway_limits_redis_fallback_total',
    help: 'Limit decisions taken without Redis (it failed or missed its deadline), by limiter and the policy that decided.',
    labelNames: ['limiter', 'path'],
    registers,
  });
  const leasedAdmissions = new Counter({
    name: 'academy_gateway_limits_leased_admissions_total',
    help: 'Operations admitted from what this replica had reserved of the shared limits, without a Redis round trip (LIMITS_LEASE_MS).',
    registers,
  });
  const executions = new Counter({
    name: 'academy_gateway_executions_total',
    help: 'Queries and mutations (kind="operation") and subscription events (kind="subscription_event") run, by executor: compiled (the gateway\u2019s own) or apollo (what it leaves to Apollo\u2019s: introspection, @defer, data rewrites, traced requests).',
    labelNames: ['executor', 'kind'],
    registers,
  });
  // Bound once: the query path counts every request.
  const executionsBy = (kind: ExecutionKind) => ({ compiled: executions.labels('compiled', kind), apollo: executions.labels('apollo', kind) });
  const executionCounters = { operation: executionsBy('operation'), subscription_event: executionsBy('subscription_event') };
  const subscriptionsEnded = new Counter({
    name: 'academy_gateway_subscriptions_ended_total',
    help: 'Subscriptions ended, by reason.',
    labelNames: ['reason'],
    registers,
  });
  const circuits = createCircuitMetrics(registry);
  const droppedEvents = new Counter({
    name: 'academy_gateway_subscription_events_dropped_total',
    help: 'Subscription events dropped because a client read too slowly (its queue was full).',
    registers,
  });

  return {
    registry,
    /** Recent operations per tenant, largest first (the integration health and dashboard read it too). */
    tenantDistribution: (n = topTenants) => tenants.top(n),
    operation(name: string | null | undefined, type: string, outcome: OperationOutcome, seconds: number, tenant: string | null, errorCodes: string[]): void {
      const operation = operationLabel.of(name);
      operations.inc({ operation, operation_type: type, outcome });
      operationDuration.observe({ operation, operation_type: type }, seconds);
      for (const code of errorCodes) operationErrors.inc({ operation, code });
      if (tenant) tenants.add(tenant);
    },
    subgraphFetch(subgraph: string, outcome: SubgraphOutcome, seconds: number): void {
      subgraphRequests.inc({ subgraph, outcome });
      subgraphDuration.observe({ subgraph }, seconds);
    },
    rejection(code: string): void {
      rejections.inc({ code });
    },
    cost(kind: 'estimated' | 'actual', points: number): void {
      costByKind[kind].observe(points);
    },
    redisFallback(limiter: FallbackLimiter, path: BudgetPath): void {
      redisFallbacks.inc({ limiter, path });
    },
    leasedAdmission(): void {
      leasedAdmissions.inc();
    },
    execution(executor: ExecutorName, kind: ExecutionKind = 'operation'): void {
      executionCounters[kind][executor].inc();
    },
    subscriptionEnded(reason: EndReason): void {
      subscriptionsEnded.inc({ reason });
    },
    subscriptionEventDropped(): void {
      droppedEvents.inc();
    },
    /** A subgraph's circuit breaker, as `academy_circuit_state{circuit="subgraph:<name>"}`. */
    watchCircuit(subgraph: string, breaker: WatchableCircuit): void {
      circuits.watch(`subgraph:${subgraph}`, breaker);
    },
    /** Gauges read from the subscription engine at scrape time. */
    watchSubscriptions(stats: () => { active: number; upstreams: number; sockets: number }): void {
      new Gauge({
        name: 'academy_gateway_subscriptions_active',
        help: 'Subscriptions open on this gateway.',
        registers,
        collect() {
          this.set(stats().active);
        },
      });
      new Gauge({
        name: 'academy_gateway_subscription_upstreams',
        help: 'graphql-ws sockets from this gateway to subgraphs (identical subscriptions share one).',
        registers,
        collect() {
          this.set(stats().upstreams);
        },
      });
      new Gauge({
        name: 'academy_gateway_subscription_client_sockets',
        help: 'Client graphql-ws sockets open on this gateway.',
        registers,
        collect() {
          this.set(stats().sockets);
        },
      });
    },
  };
}

export type GatewayMetrics = ReturnType<typeof createGatewayMetrics>;
