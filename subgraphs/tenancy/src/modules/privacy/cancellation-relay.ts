import { type DomainEvent, type EventBus, newEvent } from '@academy/event-bus';
import { LEARNER_EVENT, type LearnerCancellationPayload } from '@academy/privacy';
import type { Logger } from '@academy/service-kit';
import type { EntityManager } from '@mikro-orm/core';
import { EVENT } from '../../events';
import { auditRowOf, storeAuditEntry } from '../audit';
import { LearnerCancellationEntity } from '../learner';
import { decideDeletion } from './learner-privacy.service';

const BATCH = 100;

/**
 * Carries cancellations forward outside any request: turns blocks whose period ran out into
 * deletions, and publishes each decided step until the broker confirms it (the row is the outbox).
 * Every published step is also written to tenancy's audit log, with the event id as the entry id.
 */
export class CancellationRelay {
  private running: Promise<void> | null = null;

  constructor(
    /** Spans all tenants. */
    private readonly em: EntityManager,
    private readonly bus: EventBus,
    private readonly logger: Logger,
  ) {}

  /** One round; concurrent calls share the round in progress. */
  run(): Promise<void> {
    this.running ??= this.round().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async round(): Promise<void> {
    const em = this.em.fork();
    const due = await em.find(LearnerCancellationEntity, { state: 'BLOCKED', deleteAfter: { $lte: new Date() } }, { limit: BATCH });
    for (const row of due) await em.transactional((tx) => decideDeletion(tx, tx.merge(row), 'system'));
    const pending = await em.find(LearnerCancellationEntity, { $or: [{ blockedPublishedAt: null }, { state: 'DELETED', deletedPublishedAt: null }] }, { limit: BATCH });
    for (const row of pending) {
      try {
        if (row.blockedPublishedAt === null) {
          await this.publish(em, row, LEARNER_EVENT.cancellationBlocked, row.blockedEventId, row.requestedBy, row.requestedAt);
          row.blockedPublishedAt = new Date();
        }
        if (row.state === 'DELETED' && row.deletedPublishedAt === null) {
          await this.publish(em, row, LEARNER_EVENT.deleted, row.deletedEventId!, row.deletedBy!, row.deletedAt!);
          row.deletedPublishedAt = new Date();
        }
      } catch (error) {
        this.logger.warn({ err: error, cancellationId: row.id }, 'privacy: could not publish a cancellation step; retrying on the next round');
      } finally {
        await em.flush();
      }
    }
  }

  private async publish(em: EntityManager, row: LearnerCancellationEntity, type: string, eventId: string, actor: string, at: Date): Promise<void> {
    const payload: LearnerCancellationPayload = { cancellationId: row.id, learnerId: row.learnerId, actor, at: at.toISOString() };
    const event: DomainEvent<LearnerCancellationPayload> = { ...newEvent(type, row.tenantId, payload), id: eventId };
    await this.bus.publish(event);
    // Idempotent on the id: a round that published but failed to flush records the step once.
    const audit = auditRowOf({
      ...newEvent(EVENT.auditRecorded, row.tenantId, {
        actor,
        authMethod: actor === 'system' ? 'system' : 'jwt',
        tenantId: row.tenantId,
        action: type === LEARNER_EVENT.deleted ? 'learner.cancellation.delete' : 'learner.cancellation.block',
        target: `learner/${row.learnerId}`,
        outcome: 'success',
        requestId: row.id,
        reason: `tenancy: learner profile ${type === LEARNER_EVENT.deleted ? 'deleted' : 'blocked'}`,
        at: at.toISOString(),
      }),
      id: eventId,
    });
    if (!('problems' in audit)) await storeAuditEntry(em.fork(), audit);
  }
}
