import type { PipelineMetricsProvider } from '../pipeline';
import type { ApiTrafficRepository } from './api-traffic.repository';
import type { ApiGatewayMetrics, DataPipelineMetrics, TenantRequests } from './integration-metrics.type';

/** The latest traffic the headline gateway figures cover. */
export const GATEWAY_WINDOW_MS = 5 * 60_000;
const HISTORY_MS = 60 * 60_000;
const MINUTE_MS = 60_000;
/** Tenants listed by name in `tenantDistribution`; the rest are summed as `other`. */
export const TOP_TENANTS = 10;

const ratio = (part: number, whole: number) => (whole === 0 ? 0 : part / whole);

/** `IntegrationMetrics.apiGateway` and `.dataPipeline`, computed on each read. */
export class IntegrationHealthService {
  constructor(
    private readonly traffic: ApiTrafficRepository,
    private readonly pipeline: PipelineMetricsProvider,
  ) {}

  async apiGateway(now = Date.now()): Promise<ApiGatewayMetrics> {
    const to = new Date(now);
    const [[window], tenants, minutes] = await Promise.all([
      this.traffic.buckets(new Date(now - GATEWAY_WINDOW_MS), to, false),
      this.traffic.perTenant(new Date(now - GATEWAY_WINDOW_MS), to),
      this.traffic.buckets(new Date(now - HISTORY_MS), to, true),
    ]);
    const requests = window?.requests ?? 0;
    const rest = tenants.slice(TOP_TENANTS).reduce((sum, t) => sum + t.requests, 0);
    const tenantDistribution: TenantRequests[] = [...tenants.slice(0, TOP_TENANTS), ...(rest > 0 ? [{ tenant: 'other', requests: rest }] : [])];
    return {
      windowSeconds: GATEWAY_WINDOW_MS / 1000,
      requestRate: requests / (GATEWAY_WINDOW_MS / 1000),
      errorRate: ratio(window?.errors ?? 0, requests),
      responseTime: window?.p95LatencyMs ?? 0,
      tenantDistribution,
      history: minutes.map(({ minute, requests: count, errors, p95LatencyMs }) => {
        const start = minute * MINUTE_MS;
        // The current minute is not over: its rate is over the seconds elapsed so far.
        const seconds = Math.max(1, Math.min(MINUTE_MS, now - start) / 1000);
        return { at: new Date(start), requestRate: count / seconds, errorRate: ratio(errors, count), responseTime: p95LatencyMs };
      }),
    };
  }

  async dataPipeline(): Promise<DataPipelineMetrics> {
    const snapshot = await this.pipeline.snapshot();
    return {
      eventsProcessed: snapshot.eventsProcessed,
      processingLatency: snapshot.processingLatency.p95Ms,
      queueDepth: snapshot.queueDepth,
      errorRate: snapshot.errorRate,
      history: snapshot.perMinute.map(({ at, events, deadLettered, meanLatencyMs }) => ({ at, eventsProcessed: events, processingLatency: meanLatencyMs, errorRate: ratio(deadLettered, events) })),
    };
  }
}
