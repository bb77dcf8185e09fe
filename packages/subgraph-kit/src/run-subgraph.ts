import { createLogger, Lifecycle, type Logger, loadEnvironmentOrExit } from '@academy/service-kit';
import type { SubgraphRuntime } from './subgraph-runtime';

/**
 * A subgraph's standalone `main`: configuration (all problems at once, exit 1), logger, graceful
 * shutdown on SIGTERM/SIGINT, listen; a failed start exits 1.
 */
export function runSubgraph<TEnv extends { LOG_LEVEL: string }>(
  service: string,
  loadEnvironment: () => TEnv,
  create: (options: { env: TEnv; logger: Logger }) => Promise<SubgraphRuntime>,
): void {
  const start = async () => {
    const env = loadEnvironmentOrExit(loadEnvironment);
    const logger = createLogger({ service, level: env.LOG_LEVEL });
    const lifecycle = new Lifecycle(logger);
    lifecycle.handleSignals();
    const runtime = await create({ env, logger });
    lifecycle.onClose(service, () => runtime.close());
    logger.info({ url: `${await runtime.listen()}/graphql` }, `${service} subgraph listening`);
  };
  start().catch((error) => {
    process.stderr.write(`${service} failed to start: ${error instanceof Error ? error.stack : error}\n`);
    process.exit(1);
  });
}
