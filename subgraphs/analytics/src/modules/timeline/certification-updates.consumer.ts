import type { EventHandler } from '@academy/event-bus';
import type { CertificationMilestoneRecorder } from './certification-milestone.recorder';

/**
 * `certification.updated` (group `analytics.certifications`) → the learner's timeline. Delivery is at
 * least once: a redelivery finds the certification at that status already and stores nothing. A
 * malformed event, or one about a blocked learner, is dead-lettered and the delivery acknowledged
 * (retrying cannot change the answer); a database failure throws, so the bus retries the delivery.
 */
export function certificationUpdatesHandler(recorder: CertificationMilestoneRecorder): EventHandler {
  return async (event) => {
    await recorder.record({ tenantId: event.tenantId, data: event.payload, busEventId: event.id, receivedAt: new Date() });
  };
}
