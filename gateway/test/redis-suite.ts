import { randomUUID } from 'node:crypto';
import { createRedisStore, type KeyValueStore } from '@academy/cache';
import { afterAll, beforeAll } from 'vitest';
import { deleteKeys, silentLogger } from './limits-support';

/** A Redis store under a fresh key prefix for one `describe`: opened before its tests, its keys deleted and the store closed after. */
export function redisStoreForSuite(url: string | null | undefined, label = 'limits'): { readonly store: KeyValueStore } {
  const prefix = `test:${label}:${randomUUID()}:`;
  const suite = {} as { store: KeyValueStore };
  beforeAll(async () => {
    suite.store = createRedisStore({ url: url!, keyPrefix: prefix, logger: silentLogger });
    await suite.store.readiness().check();
  });
  afterAll(async () => {
    await deleteKeys(url!, prefix);
    await suite.store.close();
  });
  return suite;
}
