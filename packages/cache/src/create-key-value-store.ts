import type { Logger } from '@academy/service-kit';
import type { KeyValueStore } from './key-value-store';
import { createMemoryStore } from './memory-store';
import { createRedisStore } from './redis-store';

export interface KeyValueStoreOptions {
  /** Redis when set; otherwise an in-process store, fine for one replica and tests. */
  redisUrl?: string | null;
  /** @default '' */
  keyPrefix?: string;
  logger: Logger;
}

export function createKeyValueStore({ redisUrl, keyPrefix, logger }: KeyValueStoreOptions): KeyValueStore {
  if (redisUrl) return createRedisStore({ url: redisUrl, keyPrefix, logger });
  logger.info('no Redis configured: caches, limits and pub/sub are local to this process');
  return createMemoryStore({ logger });
}
