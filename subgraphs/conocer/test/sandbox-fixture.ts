import { randomUUID } from 'node:crypto';
import { createKeyValueStore } from '@academy/cache';
import { type ConocerSandbox, createConocerSandbox, type FaultRuleInput } from '@academy/conocer-sandbox';
import { createInProcessEventBus } from '@academy/event-bus';
import type { Infrastructure } from '@academy/subgraph-kit';
import { logger } from './harness';

export const SANDBOX_CREDENTIALS = { clientId: 'conocer-test-client', clientSecret: 'conocer-test-client-secret-42' };

export interface SandboxFixture {
  sandbox: ConocerSandbox;
  url: string;
  /** CONOCER_* variables pointing the service at this sandbox. */
  env: Record<string, string>;
  admin(method: string, path: string, body?: unknown): Promise<unknown>;
  fault(rule: FaultRuleInput): Promise<void>;
  clearFaults(): Promise<void>;
}

export async function startSandbox(): Promise<SandboxFixture> {
  const sandbox = createConocerSandbox({ ...SANDBOX_CREDENTIALS, logger });
  const url = await sandbox.listen(0);
  const admin = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${url}${path}`, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return response.status === 204 ? null : response.json();
  };
  return {
    sandbox,
    url,
    env: {
      CONOCER_API_URL: url,
      CONOCER_CLIENT_ID: SANDBOX_CREDENTIALS.clientId,
      CONOCER_CLIENT_SECRET: SANDBOX_CREDENTIALS.clientSecret,
      CONOCER_MAX_ATTEMPTS: '2',
      CONOCER_TIMEOUT_MS: '5000',
    },
    admin,
    fault: async (rule) => {
      await admin('POST', '/admin/faults', rule);
    },
    clearFaults: async () => {
      await admin('DELETE', '/admin/faults');
    },
  };
}

/**
 * An in-process bus with a Redis store under a prefix of its own (the catalog cache and the sync lock
 * then live in Redis as in production); the keys are deleted by `close`.
 */
export function redisInfrastructure(redisUrl: string): Infrastructure {
  const prefix = `conocer-test:${randomUUID().slice(0, 8)}:`;
  const bus = createInProcessEventBus({ logger });
  const store = createKeyValueStore({ redisUrl, keyPrefix: prefix, logger });
  return {
    bus,
    store,
    readiness: () => [bus.readiness(), store.readiness()],
    close: async () => {
      const admin = store.redis!.duplicate({ keyPrefix: '', enableOfflineQueue: true });
      try {
        let cursor = '0';
        do {
          const [next, keys] = await admin.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
          if (keys.length) await admin.del(...keys);
          cursor = next;
        } while (cursor !== '0');
      } finally {
        admin.disconnect();
      }
      await bus.close();
      await store.close();
    },
  };
}
