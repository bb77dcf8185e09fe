import type { ReadinessCheck } from '@academy/service-kit';
import type { Redis } from 'ioredis';

/** Receives one published message; runs outside the publisher's call stack. */
export type MessageHandler = (message: string) => void;

/**
 * Strings in, strings out, so the in-process and Redis implementations behave alike:
 * callers serialize (JSON) themselves and nothing depends on object identity.
 */
export interface KeyValueStore {
  get(key: string): Promise<string | null>;
  /** Without `ttlMs` the key never expires. */
  set(key: string, value: string, ttlMs?: number): Promise<void>;
  delete(key: string): Promise<void>;
  /** Set only if absent (for nonces/idempotency); true when it was set. */
  setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean>;
  /**
   * Adds `by` (an integer) and returns the new value. `ttlMs` is applied only when the key has no
   * expiry yet, i.e. when this call created it, so counters behave as fixed windows for limits.
   */
  incrementBy(key: string, by: number, ttlMs?: number): Promise<number>;
  publish(channel: string, message: string): Promise<void>;
  /** Resolves once the subscription is active; the returned function ends it. */
  subscribe(channel: string, handler: MessageHandler): Promise<() => Promise<void>>;
  /** Named `redis` or `memory`. */
  readiness(): ReadinessCheck;
  close(): Promise<void>;
  /** The ioredis client when Redis-backed, so features can run Lua scripts (EVALSHA). */
  readonly redis?: Redis;
}

export function assertTtl(ttlMs: number | undefined): void {
  if (ttlMs !== undefined && (!Number.isInteger(ttlMs) || ttlMs <= 0)) {
    throw new RangeError(`ttlMs must be a positive integer, got ${ttlMs}`);
  }
}

export function assertInteger(by: number): void {
  if (!Number.isSafeInteger(by)) throw new RangeError(`incrementBy needs an integer, got ${by}`);
}
