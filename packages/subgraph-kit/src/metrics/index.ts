export { useSubgraphMetrics } from './use-subgraph-metrics';
