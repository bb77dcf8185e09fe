/**
 * A gateway replica in a process of its own, started by `startGatewayProcess`: what `main.ts` does
 * (environment → `createGateway` → listen), except that its Redis store and bus are made here with
 * the test's key prefix, which `main.ts` has no setting for. Everything arrives over IPC, so nothing
 * of the test runner's environment leaks in.
 */
import { createGateway, type Gateway, loadGatewayEnvironment } from '@academy/gateway';
import { createLogger } from '@academy/service-kit';
import { createInfrastructure, type Infrastructure } from '@academy/subgraph-kit';
import type { GatewayProcessMessage, GatewayProcessStart } from './gateway-process';

let gateway: Gateway | undefined;
let infrastructure: Infrastructure | undefined;
let closing = false;

const send = (message: GatewayProcessMessage) => process.send?.(message);

async function start({ env, supergraphSdl, subgraphUrls, redisUrl, prefix }: GatewayProcessStart): Promise<void> {
  const parsed = loadGatewayEnvironment(env);
  const logger = createLogger({ service: 'gateway', level: parsed.LOG_LEVEL });
  infrastructure = await createInfrastructure({ redisUrl, amqpUrl: null, prefix, logger });
  gateway = await createGateway({ env: parsed, logger, supergraphSdl, subgraphUrls, infrastructure });
  send({ type: 'listening', url: await gateway.listen(0, '127.0.0.1') });
}

async function shutdown(code: number): Promise<never> {
  if (!closing) {
    closing = true;
    await gateway?.close().catch(() => undefined);
    await infrastructure?.close().catch(() => undefined);
  }
  process.exit(code);
}

process.on('message', (message: { type: 'start'; start: GatewayProcessStart } | { type: 'close' }) => {
  if (message.type === 'close') return void shutdown(0);
  start(message.start).catch(async (error: unknown) => {
    send({ type: 'failed', error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    await shutdown(1);
  });
});

// An orphan would keep its port and its Redis connection; it follows the test runner out.
process.on('disconnect', () => void shutdown(0));
