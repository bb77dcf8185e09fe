import { Writable } from 'node:stream';
import { type ContextKeyPair, createLogger, exportContextKeyPair, generateContextKeyPair } from '@academy/service-kit';
import { createGateway, type CreateGatewayOptions, type Gateway, loadGatewayEnvironment } from '../../src';
import { composeSupergraph, startTestSubgraphs } from './subgraphs';

/** Log lines a gateway wrote, parsed, so tests can assert what was logged (e.g. a masked error's request id). */
export function captureLogs() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { lines, logger: createLogger({ service: 'gateway', level: 'debug', destination }) };
}

export interface Fixture {
  keys: ContextKeyPair;
  pems: { privatePem: string; publicPem: string };
  subgraphs: Awaited<ReturnType<typeof startTestSubgraphs>>;
  supergraph: string;
  start(env: Record<string, string>, options?: Partial<CreateGatewayOptions>): Promise<Gateway & { logs: Record<string, unknown>[] }>;
  close(): Promise<void>;
}

/** Two subgraphs that verify context tokens against one key pair, and a way to put gateways in front of them. */
export async function createFixture(): Promise<Fixture> {
  const keys = await generateContextKeyPair('test-key');
  const pems = await exportContextKeyPair(keys);
  const subgraphs = await startTestSubgraphs({ publicKey: keys.publicKey });
  const supergraph = composeSupergraph({ users: subgraphs.users.url, reviews: subgraphs.reviews.url });
  const gateways: Gateway[] = [];
  return {
    keys,
    pems,
    subgraphs,
    supergraph,
    async start(env, options = {}) {
      const { lines, logger } = captureLogs();
      const gateway = await createGateway({ env: loadGatewayEnvironment(env), logger, supergraphSdl: supergraph, contextKeys: keys, ...options });
      gateways.push(gateway);
      await gateway.listen(0, '127.0.0.1');
      return Object.assign(gateway, { logs: lines });
    },
    async close() {
      await Promise.all(gateways.map((g) => g.close()));
      await subgraphs.close();
    },
  };
}
