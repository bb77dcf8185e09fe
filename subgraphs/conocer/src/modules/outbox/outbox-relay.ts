import { randomUUID } from 'node:crypto';
import type { EventBus } from '@academy/event-bus';
import type { Logger } from '@academy/service-kit';
import type { EntityManager, FilterQuery } from '@mikro-orm/core';
import { OutboxMessageEntity } from './outbox-message.entity';

export interface OutboxRelayOptions {
  /** Rows claimed and published per round. @default 100 */
  batchSize?: number;
  /** How long a claim keeps other replicas off the rows. @default 30000 */
  claimMs?: number;
  /** Published rows are kept this long (for inspection), then deleted. @default 7 days */
  retentionMs?: number;
}

const MAX_BACKOFF_MS = 60_000;

/**
 * Moves committed outbox rows to the bus, oldest first. Delivery is at least once: a crash between
 * the broker's confirm and the row's update publishes the row again, and consumers de-duplicate on
 * the event id. A round stops at the first failure, so one certification's events keep their order.
 */
export class OutboxRelay {
  private readonly batchSize: number;
  private readonly claimMs: number;
  private readonly retentionMs: number;

  constructor(
    /** A fork outside any request; forked again per round. */
    private readonly em: EntityManager,
    private readonly bus: EventBus,
    private readonly logger: Logger,
    options: OutboxRelayOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 100;
    this.claimMs = options.claimMs ?? 30_000;
    this.retentionMs = options.retentionMs ?? 7 * 86_400_000;
  }

  /** Publishes what is due until none is left or the bus fails; returns how many were published. */
  async relay(): Promise<number> {
    let published = 0;
    for (;;) {
      const round = await this.relayBatch();
      published += round.published;
      if (round.failed || round.claimed < this.batchSize) break;
    }
    await this.em.fork().nativeDelete(OutboxMessageEntity, { publishedAt: { $lt: new Date(Date.now() - this.retentionMs) } });
    return published;
  }

  /** Unpublished rows (for health and tests). */
  pending(): Promise<number> {
    return this.em.fork().count(OutboxMessageEntity, { publishedAt: null });
  }

  private async relayBatch(): Promise<{ claimed: number; published: number; failed: boolean }> {
    const em = this.em.fork();
    const now = new Date();
    const claimable: FilterQuery<OutboxMessageEntity> = {
      publishedAt: null,
      availableAt: { $lte: now },
      $or: [{ claimedUntil: null }, { claimedUntil: { $lt: now } }],
    };
    const due = await em.find(OutboxMessageEntity, claimable, { orderBy: { sequence: 'asc' }, limit: this.batchSize, fields: ['id'] });
    if (due.length === 0) return { claimed: 0, published: 0, failed: false };
    const token = randomUUID();
    // The same conditions again: a replica that claimed some of these meanwhile keeps them.
    await em.nativeUpdate(
      OutboxMessageEntity,
      { $and: [{ id: { $in: due.map((row) => row.id) } }, claimable] },
      { claimToken: token, claimedUntil: new Date(now.getTime() + this.claimMs) },
    );
    const claimed = await em.find(OutboxMessageEntity, { claimToken: token }, { orderBy: { sequence: 'asc' } });
    let published = 0;
    for (const row of claimed) {
      try {
        await this.bus.publish(row.event);
      } catch (error) {
        const attempts = row.attempts + 1;
        const backoff = Math.min(1000 * 2 ** Math.min(attempts - 1, 16), MAX_BACKOFF_MS);
        const lastError = (error instanceof Error ? error.message : String(error)).slice(0, 500);
        this.logger.warn({ err: error, eventId: row.id, type: row.type, attempts }, 'outbox: publish failed; will retry');
        await em.nativeUpdate(
          OutboxMessageEntity,
          { claimToken: token },
          { claimToken: null, claimedUntil: null, attempts, lastError, availableAt: new Date(Date.now() + backoff) },
        );
        return { claimed: due.length, published, failed: true };
      }
      await em.nativeUpdate(OutboxMessageEntity, { id: row.id, claimToken: token }, { publishedAt: new Date(), claimToken: null, claimedUntil: null });
      published++;
    }
    return { claimed: due.length, published, failed: false };
  }
}
