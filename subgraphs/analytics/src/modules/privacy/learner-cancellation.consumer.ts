import type { EventHandler } from '@academy/event-bus';
import { cancellationAuditEvent, LEARNER_EVENT, parseLearnerCancellation } from '@academy/privacy';
import type { Logger } from '@academy/service-kit';
import type { DatabaseDialect } from '@academy/subgraph-kit';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { enqueueEvents } from '../outbox';
import { AnalyticsBlockedLearnerEntity } from './analytics-blocked-learner.entity';
import type { BlockedLearners } from './blocked-learners';
import { eraseLearner } from './learner-erasure';

export const PRIVACY_CONSUMER_GROUP = 'analytics.privacy';
export const LEARNER_CANCELLATION_TYPES = [LEARNER_EVENT.cancellationBlocked, LEARNER_EVENT.deleted];

/**
 * `learner.cancellation.blocked` and `learner.deleted`: in one transaction, the learner is marked
 * blocked (the pipeline refuses their events from then on), on deletion their rows are erased, and
 * an `audit.recorded` event saying what was done goes into the outbox. Idempotent: a redelivery
 * finds the mark and nothing left to erase, and its audit event has the same id.
 */
export function learnerCancellationHandler(em: () => SqlEntityManager, dialect: DatabaseDialect, { blocked, relayNow }: { blocked: BlockedLearners; relayNow(): void }, logger: Logger): EventHandler {
  return async (event) => {
    const step = parseLearnerCancellation(event);
    if (!step) {
      logger.warn({ eventId: event.id, type: event.type }, 'privacy: dropped a malformed cancellation event');
      return;
    }
    const deleting = event.type === LEARNER_EVENT.deleted;
    await em().transactional(async (tx) => {
      const mark = (await tx.findOne(AnalyticsBlockedLearnerEntity, { tenantId: step.tenantId, learnerId: step.learnerId })) ??
        tx.create(AnalyticsBlockedLearnerEntity, { tenantId: step.tenantId, learnerId: step.learnerId, cancellationId: step.cancellationId, blockedAt: new Date(step.at) });
      let summary = 'learner blocked: further events are refused, data hidden';
      if (deleting) {
        mark.deletedAt ??= new Date(step.at);
        const counts = await eraseLearner(tx, dialect, step.tenantId, step.learnerId);
        summary = `learner deleted: ${Object.entries(counts).map(([table, n]) => `${table}=${n}`).join(', ')}`;
      }
      await tx.flush();
      await enqueueEvents(tx, dialect, [cancellationAuditEvent('analytics', event.type, step, summary)]);
    });
    blocked.add(step.tenantId, step.learnerId, deleting);
    relayNow();
  };
}

/** Every replica's in-memory view, by fan-out (the group handler above runs on one replica only). */
export function blockedLearnersBroadcast(blocked: BlockedLearners): EventHandler {
  return async (event) => {
    const step = parseLearnerCancellation(event);
    if (step) blocked.add(step.tenantId, step.learnerId, event.type === LEARNER_EVENT.deleted);
  };
}
