import type { EventBus } from '@academy/event-bus';
import type { EntityManager } from '@mikro-orm/core';
import { CertificationEntity, submissionRequested } from '../certification';
import { enqueueEvent } from '../outbox';
import type { DeadLetteredSubmission } from './dead-lettered-submission.type';
import { SUBMISSION_GROUP } from './submission-queue';

const certificationIdOf = (payload: unknown) => (payload as { certificationId?: unknown } | null)?.certificationId;

/**
 * Dead-lettered submissions across tenants (the queue is shared), for platform admins. A certification
 * is dead-lettered when its row says so; the bus's dead letters add the failure time and attempts,
 * and an in-process bus forgets them on restart, which is why the rows are the list.
 */
export class SubmissionAdminService {
  constructor(
    /** A platform admin's request: all tenants. */
    private readonly em: EntityManager,
    private readonly bus: EventBus,
    private readonly onCommit: () => void,
  ) {}

  async deadLetters(): Promise<DeadLetteredSubmission[]> {
    const letters = new Map((await this.bus.deadLetters(SUBMISSION_GROUP)).map((letter) => [certificationIdOf(letter.event.payload), letter]));
    const rows = await this.em.find(CertificationEntity, { deadLetteredAt: { $ne: null }, status: 'PENDING' }, { orderBy: { deadLetteredAt: 'asc' }, limit: 1000 });
    return rows.map((row) => {
      const letter = letters.get(row.id);
      return {
        certificationId: row.id,
        tenantId: row.tenantId,
        reason: letter?.reason ?? row.lastSubmissionError ?? 'unknown',
        attempts: letter?.attempts ?? row.submissionAttempts,
        failedAt: letter ? new Date(letter.failedAt) : row.deadLetteredAt!,
      };
    });
  }

  /**
   * Gives every dead-lettered submission a fresh retry budget and sends it again: the bus's own dead
   * letters are replayed, and those the bus no longer holds are queued anew through the outbox.
   * Returns how many certifications were sent again.
   */
  async replay(): Promise<number> {
    const inBus = new Set((await this.bus.deadLetters(SUBMISSION_GROUP)).map((letter) => certificationIdOf(letter.event.payload)));
    const ids = await this.em.transactional(async (tx) => {
      const rows = await tx.find(CertificationEntity, { deadLetteredAt: { $ne: null }, status: 'PENDING' });
      for (const row of rows) {
        Object.assign(row, { deadLetteredAt: null, submissionDeferredAt: null, submissionAttempts: 0, submissionRequestedAt: new Date() });
        if (!inBus.has(row.id)) enqueueEvent(tx, submissionRequested(row));
      }
      return rows.map((row) => row.id);
    });
    this.onCommit();
    await this.bus.replayDeadLetters(SUBMISSION_GROUP);
    return ids.length;
  }
}
