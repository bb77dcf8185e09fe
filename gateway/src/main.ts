import cluster from 'node:cluster';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, createLogger, Lifecycle, setupTracing } from '@academy/service-kit';
import { startClusterPrimary } from './cluster';
import { generateContextKeyPems, loadContextKeys } from './context-keys';
import { createGateway, type Gateway } from './create-gateway';
import { DEFAULT_SUPERGRAPH_PATH, loadGatewayEnvironment } from './environment';
import { SupergraphFileError } from './supergraph-file';

const USAGE = `Usage: npm run gateway -- [--supergraph <file>] [--port <n>] [--host <addr>]

Serves any Federation v2 supergraph. By default in single-tenant mode (TENANCY_MODE=single: no
tenant lookups; anonymous callers, plus JWTs when configured); TENANCY_MODE=multi resolves tenants
and API keys through the supergraph's "tenancy" subgraph. Flags override SUPERGRAPH_PATH, PORT and
HOST; every other setting comes from the environment.`;

function fail(message: string): never {
  console.error(`gateway: ${message}`);
  process.exit(1);
}

function readFlags(): { supergraph?: string; port?: string; host?: string } {
  try {
    const { values } = parseArgs({
      options: {
        supergraph: { type: 'string', short: 's' },
        port: { type: 'string', short: 'p' },
        host: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    });
    if (values.help) {
      console.log(USAGE);
      process.exit(0);
    }
    return values;
  } catch (error) {
    return fail(`${(error as Error).message}\n\n${USAGE}`);
  }
}

async function main(): Promise<void> {
  const flags = readFlags();
  // `npm run gateway` runs in gateway/; a relative path means relative to where the command was typed.
  const invokedFrom = process.env.INIT_CWD ?? process.cwd();
  const supergraphPath = flags.supergraph ?? process.env.SUPERGRAPH_PATH;
  let env: ReturnType<typeof loadGatewayEnvironment>;
  try {
    env = loadGatewayEnvironment({
      ...process.env,
      ...(supergraphPath && { SUPERGRAPH_PATH: resolve(invokedFrom, supergraphPath) }),
      ...(flags.port !== undefined && { PORT: flags.port }),
      ...(flags.host !== undefined && { HOST: flags.host }),
    });
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message.replace(/^gateway: /, ''));
    throw error;
  }

  const logger = createLogger({ service: 'gateway', level: env.LOG_LEVEL });
  if (env.GATEWAY_WORKERS > 1 && cluster.isPrimary) return runCluster(env.GATEWAY_WORKERS, env.CONTEXT_TOKEN_PRIVATE_KEY === undefined && env.CONTEXT_TOKEN_SECRET === undefined, logger);
  const lifecycle = new Lifecycle(logger);
  lifecycle.handleSignals();
  const tracing = setupTracing({ serviceName: 'gateway', endpoint: env.OTEL_EXPORTER_OTLP_ENDPOINT, sampleRatio: env.TRACE_SAMPLE_RATIO });
  lifecycle.onClose('tracing', () => tracing.shutdown());
  const contextKeys = await loadContextKeys(env, logger).catch((error: Error) => fail(`cannot load the context token keys: ${error.message}`));
  let gateway: Gateway;
  try {
    gateway = await createGateway({ env, logger, contextKeys });
  } catch (error) {
    // An unreadable file or an SDL that is not a valid supergraph: say which, and stop.
    if (!(error instanceof SupergraphFileError)) fail(`cannot serve the supergraph ${env.SUPERGRAPH_PATH}:\n  ${(error as Error).message}`);
    const hint = env.SUPERGRAPH_PATH === DEFAULT_SUPERGRAPH_PATH ? '\n  Compose it with `npm run compose`, or pass --supergraph <file>.' : '';
    fail(`${error.message}${hint}`);
  }
  lifecycle.onClose('gateway', () => gateway.close());
  await gateway.listen().catch((error: Error) => fail(`cannot listen on ${env.HOST}:${env.PORT}: ${error.message}`));
  logger.info({ url: gateway.graphqlUrl, supergraph: env.SUPERGRAPH_PATH, watch: env.SUPERGRAPH_WATCH, tenancyMode: env.TENANCY_MODE }, 'gateway ready');
}

/**
 * GATEWAY_WORKERS > 1: this process only supervises; the workers (this same entry, same flags and
 * environment) serve the port together. Without configured context keys (development) the primary
 * makes the ephemeral pair, so every worker signs with the key the JWKS endpoint publishes.
 */
async function runCluster(workers: number, ephemeralKeys: boolean, logger: ReturnType<typeof createLogger>): Promise<void> {
  let workerEnv: Record<string, string> = {};
  if (ephemeralKeys) {
    const pems = await generateContextKeyPems();
    workerEnv = { CONTEXT_TOKEN_PRIVATE_KEY: pems.privatePem, CONTEXT_TOKEN_PUBLIC_KEY: pems.publicPem };
    logger.warn('no CONTEXT_TOKEN_PRIVATE_KEY/CONTEXT_TOKEN_PUBLIC_KEY configured: the workers share an ephemeral ES256 pair that changes on every restart');
  }
  const primary = startClusterPrimary({ workers, workerEnv, logger });
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      logger.info({ signal }, 'stopping the gateway workers');
      void primary.stop();
    });
  }
  process.exit(await primary.done);
}

main().catch((error: unknown) => {
  console.error('gateway: failed to start', error);
  process.exit(1);
});
