import { createHash } from 'node:crypto';
import type { KeyValueStore } from '@academy/cache';

/**
 * Lua: `clock(arg)` is `arg` as epoch ms, or Redis' own `TIME` when `arg` is empty, so every replica
 * reads one clock and skewed hosts cannot restore a shared limit early or late.
 */
export const CLOCK_LUA = `
local function clock(arg)
  local now = tonumber(arg)
  if now ~= nil then return now end
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
`;

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
