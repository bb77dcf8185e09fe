export { createGatewayMetrics, type FallbackLimiter, type GatewayMetrics, type GatewayMetricsOptions } from './gateway-metrics';
export { useMetrics } from './use-metrics';
