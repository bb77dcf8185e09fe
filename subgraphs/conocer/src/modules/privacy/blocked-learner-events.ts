import type { EventHandler } from '@academy/event-bus';
import type { Logger } from '@academy/service-kit';
import type { EntityManager } from '@mikro-orm/core';
import { isLearnerBlocked } from '../profile';

/**
 * Refuses events about a blocked (or deleted) learner before `handler` sees them: acknowledged and
 * logged with the stable code, since no retry could make them acceptable.
 */
export function refuseBlockedLearners(em: EntityManager, logger: Logger, handler: EventHandler): EventHandler {
  return async (event) => {
    const learnerId = (event.payload as { learnerId?: unknown } | null)?.learnerId;
    if (event.tenantId && typeof learnerId === 'string' && (await isLearnerBlocked(em.fork(), event.tenantId, learnerId))) {
      logger.warn({ eventId: event.id, type: event.type, code: 'LEARNER_DATA_BLOCKED' }, 'privacy: refused an event about a blocked learner');
      return;
    }
    await handler(event);
  };
}
