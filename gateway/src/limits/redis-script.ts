import { createHash } from 'node:crypto';
import type { KeyValueStore } from '@academy/cache';

/** The ioredis client a Redis-backed KeyValueStore exposes (gateway code never imports ioredis itself). */
export type RedisClient = NonNullable<KeyValueStore['redis']>;

/**
 * A Lua script run with EVALSHA: one round trip, without resending the source. Only after Redis
 * lost its script cache (restart, SCRIPT FLUSH, failover) does a call pay a second trip for EVAL,
 * which also reloads it. ioredis' `defineCommand` does the same, but it adds methods to the client,
 * which here is shared with every other user of the store.
 */
export class RedisScript {
  readonly sha: string;

  constructor(readonly source: string) {
    this.sha = createHash('sha1').update(source).digest('hex');
  }

  async run(redis: RedisClient, keys: readonly string[], args: readonly (string | number)[]): Promise<unknown> {
    try {
      return await redis.evalsha(this.sha, keys.length, ...keys, ...args);
    } catch (error) {
      if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
      return redis.eval(this.source, keys.length, ...keys, ...args);
    }
  }
}
