import { createLogger, Lifecycle, loadEnvironmentOrExit, setupTracing } from '@academy/service-kit';
import { loadEmbeddedEnvironment } from './environment';
import { startEmbeddedSystem } from './start-system';

/** `npm start`: the whole supergraph in one process, on SQLite and in-process buses unless configured otherwise. */
async function main(): Promise<void> {
  const env = loadEnvironmentOrExit(() => loadEmbeddedEnvironment());
  // No service on the root logger: each service binds its own, so no line carries two.
  const logger = createLogger({ level: env.LOG_LEVEL });
  const lifecycle = new Lifecycle(logger.child({ service: 'embedded' }));
  lifecycle.handleSignals();
  const tracing = setupTracing({ serviceName: 'academy-embedded', endpoint: env.OTEL_EXPORTER_OTLP_ENDPOINT, sampleRatio: env.TRACE_SAMPLE_RATIO });
  lifecycle.onClose('tracing', () => tracing.shutdown());
  const system = await startEmbeddedSystem({ env, logger });
  lifecycle.onClose('system', () => system.close());
  const url = system.gateway.graphqlUrl.replace('127.0.0.1', 'localhost');
  const tenants = Object.keys(system.demoTenants);
  console.log(
    [
      '',
      `  Academy supergraph ready: ${url}`,
      '  Open it in a browser for Apollo Sandbox.',
      `  Demo tenants: ${tenants.join(', ') || 'none'}`,
      ...(system.conocerSandbox ? [`  CONOCER sandbox (fault injection: README, "CONOCER sandbox"): ${system.conocerSandbox.url.replace('127.0.0.1', 'localhost')}`] : []),
      '  A token for Sandbox\'s Authorization header: npm run dev:token -- --tenant acme --role tenant_admin',
      '',
    ].join('\n'),
  );
}

main().catch((error) => {
  console.error('the embedded supergraph failed to start:', error);
  process.exit(1);
});
