import { createLogger, Lifecycle, loadEnvironmentOrExit } from '@academy/service-kit';
import { createConocerService } from './create-conocer-service';
import { loadConocerEnvironment } from './environment';

async function main(): Promise<void> {
  const env = loadEnvironmentOrExit(() => loadConocerEnvironment());
  const logger = createLogger({ service: 'conocer', level: env.LOG_LEVEL });
  const lifecycle = new Lifecycle(logger);
  lifecycle.handleSignals();
  const service = await createConocerService({ env, logger });
  lifecycle.onClose('conocer', () => service.close());
  logger.info({ url: `${await service.listen()}/graphql` }, 'conocer subgraph listening');
}

main().catch((error) => {
  process.stderr.write(`conocer failed to start: ${error instanceof Error ? error.stack : error}\n`);
  process.exit(1);
});
