import type { EventHandler } from '@academy/event-bus';
import { cancellationAuditEvent, LEARNER_EVENT, parseLearnerCancellation } from '@academy/privacy';
import type { Logger } from '@academy/service-kit';
import type { EntityManager } from '@mikro-orm/core';
import { enqueueEvent } from '../outbox';
import { BlockedLearnerEntity } from '../profile';
import { eraseLearner } from './learner-erasure';

export const PRIVACY_GROUP = 'conocer.privacy';
export const LEARNER_CANCELLATION_TYPES = [LEARNER_EVENT.cancellationBlocked, LEARNER_EVENT.deleted];

/**
 * `learner.cancellation.blocked` and `learner.deleted`: in one transaction the learner is marked
 * blocked, on deletion erased (see eraseLearner), and an `audit.recorded` event saying what was done
 * goes into the outbox. Idempotent: a redelivery finds the mark, nothing left to erase, and its audit
 * event has the same id.
 */
export function learnerCancellationHandler(em: EntityManager, logger: Logger, relayNow: () => void): EventHandler {
  return async (event) => {
    const step = parseLearnerCancellation(event);
    if (!step) {
      logger.warn({ eventId: event.id, type: event.type }, 'privacy: dropped a malformed cancellation event');
      return;
    }
    await em.fork().transactional(async (tx) => {
      const existing = await tx.findOne(BlockedLearnerEntity, { tenantId: step.tenantId, learnerId: step.learnerId });
      const mark = existing ?? tx.create(BlockedLearnerEntity, { tenantId: step.tenantId, learnerId: step.learnerId, cancellationId: step.cancellationId, blockedAt: new Date(step.at) });
      const deleting = event.type === LEARNER_EVENT.deleted;
      // A redelivered step changes nothing and is not audited twice.
      const firstTime = deleting ? mark.deletedAt === null : existing === null;
      let summary = 'learner blocked: certifications hidden, nothing new started, course completions refused';
      if (deleting) {
        mark.deletedAt ??= new Date(step.at);
        const counts = await eraseLearner(tx, step.tenantId, step.learnerId);
        summary = `learner deleted: ${Object.entries(counts).map(([what, n]) => `${what}=${n}`).join(', ')}`;
      }
      if (firstTime) enqueueEvent(tx, cancellationAuditEvent('conocer', event.type, step, summary));
    });
    relayNow();
  };
}
