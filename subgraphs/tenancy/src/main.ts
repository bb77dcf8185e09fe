import { createLogger, Lifecycle, loadEnvironmentOrExit } from '@academy/service-kit';
import { createTenancyService } from './create-tenancy-service';
import { loadTenancyEnvironment } from './environment';

async function main(): Promise<void> {
  const env = loadEnvironmentOrExit(() => loadTenancyEnvironment());
  const logger = createLogger({ service: 'tenancy', level: env.LOG_LEVEL });
  const lifecycle = new Lifecycle(logger);
  lifecycle.handleSignals();
  const service = await createTenancyService({ env, logger });
  lifecycle.onClose('tenancy', () => service.close());
  logger.info({ url: `${await service.listen()}/graphql` }, 'tenancy subgraph listening');
}

main().catch((error) => {
  process.stderr.write(`tenancy failed to start: ${error instanceof Error ? error.stack : error}\n`);
  process.exit(1);
});
