import type { KeyValueStore } from '@academy/cache';
import { type RedisLimiterOptions, tryRedis, validatePolicy } from './redis-failure-policy';
import { RedisScript } from './redis-script';
import type { BudgetPath } from './token-bucket';

export interface SlotResult {
  allowed: boolean;
  /** Subscriptions the key holds after this call. */
  open: number;
  path: BudgetPath;
  error?: Error;
}

/**
 * Concurrent-subscription slots per key (a tenant), shared by every replica. Each slot is a lease the
 * holder renews; a replica that dies without releasing its slots loses them when the leases run out.
 */
export interface SubscriptionSlots {
  acquire(key: string, id: string, max: number): Promise<SlotResult>;
  release(key: string, id: string): Promise<void>;
  /** Renews every slot this process holds (the caller runs it about every third of the lease). */
  renew(): Promise<void>;
  readonly leaseMs: number;
}

/** Members are slot ids, scores their lease's end: expired ones are dropped before counting. */
const ACQUIRE = new RedisScript(`
local now, lease, max = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
if now == nil then
  local t = redis.call('TIME')
  now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
local open = redis.call('ZCARD', KEYS[1])
if redis.call('ZSCORE', KEYS[1], ARGV[4]) == false then
  if open >= max then return { 0, open } end
  open = open + 1
end
redis.call('ZADD', KEYS[1], now + lease, ARGV[4])
redis.call('PEXPIRE', KEYS[1], lease * 2)
return { 1, open }
`);

const RENEW = new RedisScript(`
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local lease = tonumber(ARGV[1])
for i = 1, #KEYS do
  redis.call('ZADD', KEYS[i], 'XX', now + lease, ARGV[i + 1])
  redis.call('PEXPIRE', KEYS[i], lease * 2)
end
return #KEYS
`);

const DEFAULT_LEASE_MS = 30_000;

function createMemorySlots(): Omit<SubscriptionSlots, 'leaseMs' | 'renew'> {
  const held = new Map<string, Set<string>>();
  return {
    async acquire(key, id, max) {
      const ids = held.get(key) ?? new Set<string>();
      if (!ids.has(id) && ids.size >= max) return { allowed: false, open: ids.size, path: 'memory' };
      ids.add(id);
      held.set(key, ids);
      return { allowed: true, open: ids.size, path: 'memory' };
    },
    async release(key, id) {
      const ids = held.get(key);
      ids?.delete(id);
      if (ids?.size === 0) held.delete(key);
    },
  };
}

export type SubscriptionSlotOptions = Omit<RedisLimiterOptions, 'redis' | 'now'> & {
  store: KeyValueStore;
  /** @default 30_000 */
  leaseMs?: number;
};

/** Redis-backed when the store has Redis (with the limits' failure policy), in-process otherwise. */
export function createSubscriptionSlots({ store, leaseMs = DEFAULT_LEASE_MS, keyPrefix = '', ...options }: SubscriptionSlotOptions): SubscriptionSlots {
  const local = createMemorySlots();
  const redis = store.redis;
  if (!redis) return { ...local, renew: async () => {}, leaseMs, acquire: (key, id, max) => local.acquire(key, id, max) };
  const { timeoutMs, expectedReplicas, onRedisFailure } = validatePolicy(options);
  const mine = new Map<string, string>(); // slot id → key, for renewals

  return {
    leaseMs,
    async acquire(key, id, max) {
      const outcome = await tryRedis(redis, () => ACQUIRE.run(redis, [keyPrefix + key], ['', leaseMs, max, id]) as Promise<[number, number]>, timeoutMs);
      if (outcome.ok) {
        const [allowed, open] = outcome.value;
        if (allowed === 1) mine.set(id, key);
        return { allowed: allowed === 1, open, path: 'redis' };
      }
      const { error } = outcome;
      if (onRedisFailure === 'fail-open') return { allowed: true, open: 0, path: 'fail-open', error };
      if (onRedisFailure === 'fail-closed') return { allowed: false, open: 0, path: 'fail-closed', error };
      const result = await local.acquire(key, id, Math.max(1, Math.floor(max / expectedReplicas)));
      return { ...result, path: 'local', error };
    },
    async release(key, id) {
      mine.delete(id);
      await local.release(key, id);
      await tryRedis(redis, () => redis.zrem(keyPrefix + key, id), timeoutMs);
    },
    async renew() {
      if (mine.size === 0) return;
      const entries = [...mine];
      await tryRedis(redis, () => RENEW.run(redis, entries.map(([, key]) => keyPrefix + key), [leaseMs, ...entries.map(([id]) => id)]), timeoutMs * 4);
    },
  };
}
