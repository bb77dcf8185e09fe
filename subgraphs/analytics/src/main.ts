import { createLogger, Lifecycle, loadEnvironmentOrExit } from '@academy/service-kit';
import { createAnalyticsService } from './create-analytics-service';
import { loadAnalyticsEnvironment } from './environment';

async function main(): Promise<void> {
  const env = loadEnvironmentOrExit(() => loadAnalyticsEnvironment());
  const logger = createLogger({ service: 'analytics', level: env.LOG_LEVEL });
  const lifecycle = new Lifecycle(logger);
  lifecycle.handleSignals();
  const service = await createAnalyticsService({ env, logger });
  lifecycle.onClose('analytics', () => service.close());
  logger.info({ url: `${await service.listen()}/graphql` }, 'analytics subgraph listening');
}

main().catch((error) => {
  process.stderr.write(`analytics failed to start: ${error instanceof Error ? error.stack : error}\n`);
  process.exit(1);
});
