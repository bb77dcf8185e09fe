import { createLogger, Lifecycle, loadEnvironmentOrExit } from '@academy/service-kit';
import { DEVELOPMENT_CLIENT_SECRET, loadSandboxEnvironment } from './environment';
import { startSandboxFromEnvironment } from './start-sandbox';

/** The sandbox on its own (`npm run dev -w @academy/conocer-sandbox`, or the `conocer-sandbox` compose service). */
async function main(): Promise<void> {
  const env = loadEnvironmentOrExit(() => loadSandboxEnvironment());
  const logger = createLogger({ service: 'conocer-sandbox', level: env.LOG_LEVEL });
  const lifecycle = new Lifecycle(logger);
  lifecycle.handleSignals();
  if (env.SANDBOX_CLIENT_SECRET === DEVELOPMENT_CLIENT_SECRET) logger.warn('SANDBOX_CLIENT_SECRET is not set: accepting the public development credentials');
  if (env.SANDBOX_ADMIN_TOKEN === undefined) logger.warn('SANDBOX_ADMIN_TOKEN is not set: anyone who reaches the sandbox can inject faults and change its catalog');
  const sandbox = startSandboxFromEnvironment(env, logger);
  lifecycle.onClose('conocer-sandbox', () => sandbox.close());
  logger.info({ url: await sandbox.listen(env.PORT, env.HOST) }, 'CONOCER sandbox listening');
}

main().catch((error) => {
  process.stderr.write(`conocer-sandbox failed to start: ${error instanceof Error ? error.stack : error}\n`);
  process.exit(1);
});
