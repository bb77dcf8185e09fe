import { randomUUID } from 'node:crypto';
import { createLogger } from '@academy/service-kit';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, beforeEach, describe } from 'vitest';

// Tests read the environment here only: where Redis is, and whether its absence is a failure (CI).
export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
export const SERVICES_REQUIRED = process.env.REQUIRE_SERVICES === '1';

export const silentLogger = createLogger({ service: 'cache-test', level: 'silent' });

/** A prefix no other run shares, so concurrent runs on one Redis never see each other's keys. */
export const uniquePrefix = (): string => `test:cache:${randomUUID()}:`;

export async function isRedisReachable(url = REDIS_URL): Promise<boolean> {
  const probe = new Redis(url, { lazyConnect: true, connectTimeout: 1000, retryStrategy: () => null, maxRetriesPerRequest: 0 });
  probe.on('error', () => undefined);
  try {
    await probe.connect();
    await probe.ping();
    return true;
  } catch {
    return false;
  } finally {
    probe.disconnect();
  }
}

/** Deletes every key under `prefix` (SCAN, never KEYS, so a shared Redis is not blocked). */
export async function deleteKeysWithPrefix(prefix: string, url = REDIS_URL): Promise<void> {
  const admin = new Redis(url, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await admin.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      if (keys.length > 0) await admin.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    admin.disconnect();
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until `condition` holds, failing after `timeoutMs`; avoids fixed sleeps on busy machines. */
export async function waitFor(condition: () => boolean, timeoutMs = 2000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error(`condition not met within ${timeoutMs} ms`);
    await sleep(10);
  }
}

/**
 * A suite that needs Redis: skipped when Redis is unreachable, failed instead when REQUIRE_SERVICES=1
 * (CI), so a missing service can never pass as a green run. Keys under `prefix` are deleted after.
 */
export function describeWithRedis(name: string, prefix: string, body: () => void): void {
  describe(name, () => {
    let reachable = false;
    beforeAll(async () => {
      reachable = await isRedisReachable();
      if (!reachable && SERVICES_REQUIRED) throw new Error(`Redis is not reachable at ${REDIS_URL} (REQUIRE_SERVICES=1)`);
    });
    beforeEach((context) => {
      if (!reachable) context.skip(`Redis is not reachable at ${REDIS_URL}`);
    });
    afterAll(async () => {
      if (reachable) await deleteKeysWithPrefix(prefix);
    });
    body();
  });
}
