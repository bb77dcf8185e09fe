import { createLogger, Lifecycle, type Logger, loadEnvironmentOrExit, setupTracing } from '@academy/service-kit';
import type { SubgraphRuntime } from './subgraph-runtime';

/**
 * A subgraph's standalone `main`: configuration (all problems at once, exit 1), logger, graceful
 * shutdown on SIGTERM/SIGINT, listen; a failed start exits 1.
 */
export function runSubgraph<TEnv extends { LOG_LEVEL: string; OTEL_EXPORTER_OTLP_ENDPOINT?: string; TRACE_SAMPLE_RATIO: number }>(
  service: string,
  loadEnvironment: () => TEnv,
  create: (options: { env: TEnv; logger: Logger }) => Promise<SubgraphRuntime>,
): void {
  const start = async () => {
    const env = loadEnvironmentOrExit(loadEnvironment);
    const logger = createLogger({ service, level: env.LOG_LEVEL });
    const lifecycle = new Lifecycle(logger);
    lifecycle.handleSignals();
    // Registered first, closed last: spans of the shutdown itself are still exported.
    const tracing = setupTracing({ serviceName: service, endpoint: env.OTEL_EXPORTER_OTLP_ENDPOINT, sampleRatio: env.TRACE_SAMPLE_RATIO });
    lifecycle.onClose('tracing', () => tracing.shutdown());
    const runtime = await create({ env, logger });
    lifecycle.onClose(service, () => runtime.close());
    logger.info({ url: `${await runtime.listen()}/graphql` }, `${service} subgraph listening`);
  };
  start().catch((error) => {
    process.stderr.write(`${service} failed to start: ${error instanceof Error ? error.stack : error}\n`);
    process.exit(1);
  });
}
