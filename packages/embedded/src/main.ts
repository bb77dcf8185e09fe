import { createLogger, Lifecycle, loadEnvironmentOrExit } from '@academy/service-kit';
import { loadEmbeddedEnvironment } from './environment';
import { startEmbeddedSystem } from './start-system';

/** `npm start`: the whole supergraph in one process, on SQLite and in-process buses unless configured otherwise. */
async function main(): Promise<void> {
  const env = loadEnvironmentOrExit(() => loadEmbeddedEnvironment());
  const logger = createLogger({ service: 'embedded', level: env.LOG_LEVEL });
  const lifecycle = new Lifecycle(logger);
  lifecycle.handleSignals();
  const system = await startEmbeddedSystem({ env, logger });
  lifecycle.onClose('system', () => system.close());
  const url = system.gateway.graphqlUrl.replace('127.0.0.1', 'localhost');
  console.log(`\n  Academy supergraph ready: ${url}\n  Open it in a browser for Apollo Sandbox. Demo tenants: ${Object.keys(system.demoTenants).join(', ') || 'none'}\n`);
}

main().catch((error) => {
  console.error('the embedded supergraph failed to start:', error);
  process.exit(1);
});
