import type { EventBus } from '@academy/event-bus';
import type { Logger } from '@academy/service-kit';
import type { DatabaseDialect } from '@academy/subgraph-kit';
import { LockMode } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { AnalyticsOutboxMessageEntity } from './outbox-message.entity';

export interface OutboxRelayOptions {
  /** Rows published per round. @default 100 */
  batchSize?: number;
  /** Published rows are kept this long (for inspection), then deleted. @default 7 days */
  retentionMs?: number;
  /** Wait after a failed publish, doubled per attempt up to this. @default 60000 */
  maxBackoffMs?: number;
}

/**
 * Moves committed outbox rows to the bus, oldest first. At least once: a crash between the broker's
 * confirm and the row's update publishes it again, and consumers de-duplicate on the event id. A round
 * stops at the first failure (the broker is down: the rest would fail too) and the row waits out a
 * backoff. On PostgreSQL, rows are locked `for update skip locked` while they are published, so
 * replicas relaying at once never publish the same row together.
 */
export class OutboxRelay {
  private readonly batchSize: number;
  private readonly retentionMs: number;
  private readonly maxBackoffMs: number;
  private running: Promise<number> | null = null;
  private again = false;

  constructor(
    /** A fork outside any request; forked again per round. */
    private readonly em: SqlEntityManager,
    private readonly dialect: DatabaseDialect,
    private readonly bus: EventBus,
    private readonly logger: Logger,
    options: OutboxRelayOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 100;
    this.retentionMs = options.retentionMs ?? 7 * 86_400_000;
    this.maxBackoffMs = options.maxBackoffMs ?? 60_000;
  }

  /**
   * Publishes what is due until none is left or the bus fails; returns how many were published. Calls
   * while a relay runs make it go round once more instead of running beside it.
   */
  relay(): Promise<number> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      let published = 0;
      try {
        do {
          this.again = false;
          for (;;) {
            const round = await this.round();
            published += round.published;
            if (round.failed || round.claimed < this.batchSize) break;
          }
        } while (this.again);
        await this.em.fork().nativeDelete(AnalyticsOutboxMessageEntity, { publishedAt: { $lt: new Date(Date.now() - this.retentionMs) } });
      } finally {
        this.running = null;
      }
      return published;
    })();
    return this.running;
  }

  /** Rows not published yet (health, metrics and tests). */
  pending(): Promise<number> {
    return this.em.fork().count(AnalyticsOutboxMessageEntity, { publishedAt: null });
  }

  private async round(): Promise<{ claimed: number; published: number; failed: boolean }> {
    return this.em.fork().transactional(async (tx) => {
      const now = new Date();
      const query = tx
        .createQueryBuilder(AnalyticsOutboxMessageEntity)
        .select('*')
        .where({ publishedAt: null, availableAt: { $lte: now } })
        .orderBy({ createdAt: 'asc', id: 'asc' })
        .limit(this.batchSize);
      if (this.dialect === 'postgresql') query.setLockMode(LockMode.PESSIMISTIC_PARTIAL_WRITE) // for update skip locked;
      const due = await query.getResultList();
      let published = 0;
      for (const row of due) {
        try {
          await this.bus.publish(row.event);
        } catch (error) {
          const attempts = row.attempts + 1;
          const backoff = Math.min(1000 * 2 ** Math.min(attempts - 1, 16), this.maxBackoffMs);
          this.logger.warn({ err: error, eventId: row.id, type: row.type, attempts }, 'outbox: publish failed; will retry');
          await tx.nativeUpdate(
            AnalyticsOutboxMessageEntity,
            { id: row.id },
            { attempts, lastError: (error instanceof Error ? error.message : String(error)).slice(0, 500), availableAt: new Date(Date.now() + backoff) },
          );
          return { claimed: due.length, published, failed: true };
        }
        await tx.nativeUpdate(AnalyticsOutboxMessageEntity, { id: row.id }, { publishedAt: new Date(), attempts: row.attempts + 1 });
        published++;
      }
      return { claimed: due.length, published, failed: false };
    });
  }
}
