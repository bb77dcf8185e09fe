import { BoundedLabel, Counter, Histogram, isErrorCode, LATENCY_BUCKETS, type Registry } from '@academy/service-kit';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';

/**
 * Counts the operations a subgraph answers (the gateway names them `<Client operation>__<subgraph>__<n>`)
 * by outcome and error code, with their duration. Operation names are bounded like the gateway's.
 */
export function useSubgraphMetrics(registry: Registry, maxOperationLabels = 200): ApolloServerPlugin<BaseContext> {
  const operationLabel = new BoundedLabel(maxOperationLabels);
  const registers = [registry];
  const operations = new Counter({
    name: 'academy_subgraph_operations_total',
    help: 'GraphQL operations this subgraph answered, by operation name, type and outcome (ok, error).',
    labelNames: ['operation', 'operation_type', 'outcome'],
    registers,
  });
  const errors = new Counter({
    name: 'academy_subgraph_operation_errors_total',
    help: 'GraphQL errors this subgraph answered with, by operation and extensions.code.',
    labelNames: ['operation', 'code'],
    registers,
  });
  const duration = new Histogram({
    name: 'academy_subgraph_operation_duration_seconds',
    help: 'Time this subgraph took to answer an operation.',
    labelNames: ['operation', 'operation_type'],
    buckets: LATENCY_BUCKETS,
    registers,
  });
  return {
    async requestDidStart() {
      const started = performance.now();
      return {
        async willSendResponse({ response, operationName, operation, request }) {
          const operationLabelValue = operationLabel.of(operationName ?? request.operationName);
          const type = operation?.operation ?? 'unknown';
          const found = response.body.kind === 'single' ? (response.body.singleResult.errors ?? []) : [];
          for (const error of found) errors.inc({ operation: operationLabelValue, code: isErrorCode(error.extensions?.code) ? String(error.extensions?.code) : 'OTHER' });
          operations.inc({ operation: operationLabelValue, operation_type: type, outcome: found.length ? 'error' : 'ok' });
          duration.observe({ operation: operationLabelValue, operation_type: type }, (performance.now() - started) / 1000);
        },
      };
    },
  };
}
