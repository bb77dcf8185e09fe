export { ApiTrafficRepository } from './api-traffic.repository';
export { GATEWAY_WINDOW_MS, IntegrationHealthService, TOP_TENANTS } from './integration-health.service';
export { IntegrationHealthResolver, integrationMetricsReference } from './integration-health.resolver';
export { ApiGatewayMetrics, ApiGatewayMinute, DataPipelineMetrics, DataPipelineMinute, IntegrationMetrics, TenantRequests } from './integration-metrics.type';
