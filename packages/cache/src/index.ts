export { createKeyValueStore, type KeyValueStoreOptions } from './create-key-value-store';
export type { KeyValueStore, MessageHandler } from './key-value-store';
export { createMemoryStore, type MemoryStoreOptions } from './memory-store';
export { type CacheOptions, createCache, type ReadThroughCache } from './read-through-cache';
export { createRedisStore, type RedisStoreOptions } from './redis-store';
export { withDeadline } from './with-deadline';
