import type { KeyValueStore } from '@academy/cache';

const LOCK_KEY = 'conocer:standards-sync:lock';
/** Renewed with every page; a runner that dies lets go within this long. */
export const LOCK_TTL_MS = 120_000;

/**
 * One sync at a time across replicas (the daily schedule fires on each). Held in the shared store;
 * without Redis it is per process, which is what a single replica needs.
 */
export class SyncLock {
  constructor(private readonly store: KeyValueStore) {}

  acquire(jobId: string): Promise<boolean> {
    return this.store.setIfAbsent(LOCK_KEY, jobId, LOCK_TTL_MS);
  }

  holder(): Promise<string | null> {
    return this.store.get(LOCK_KEY);
  }

  async renew(jobId: string): Promise<void> {
    await this.store.set(LOCK_KEY, jobId, LOCK_TTL_MS);
  }

  /** Only the holder releases; the check and the delete are two commands, so a lock lost meanwhile may be dropped early (the next run retries). */
  async release(jobId: string): Promise<void> {
    if ((await this.store.get(LOCK_KEY)) === jobId) await this.store.delete(LOCK_KEY);
  }
}
