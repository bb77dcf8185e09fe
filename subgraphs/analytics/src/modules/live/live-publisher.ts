import { type EventBus, newEvent } from '@academy/event-bus';
import type { Logger } from '@academy/service-kit';
import type { ProgressEvent } from '../progress';
import { PROGRESS_RECORDED, type ProgressRecordedPayload } from './live-events';

/**
 * Tells every analytics replica (and so every subscriber) about stored progress. The event is stored
 * first; a failed publish is logged, not thrown, since it only means live subscribers miss it while
 * the broker is down: queries still return it.
 */
export class LivePublisher {
  constructor(
    private readonly bus: EventBus,
    private readonly logger: Logger,
  ) {}

  async progressRecorded({ id, tenantId, learnerId, courseId, standardCode, percent, occurredAt, receivedAt }: ProgressEvent): Promise<void> {
    const payload: ProgressRecordedPayload = {
      id,
      learnerId,
      courseId,
      standardCode,
      percent,
      occurredAt: occurredAt.toISOString(),
      receivedAt: receivedAt.toISOString(),
    };
    const event = newEvent(PROGRESS_RECORDED, tenantId, payload);
    try {
      await this.bus.publish(event);
    } catch (error) {
      this.logger.warn({ err: error, eventId: event.id, type: event.type }, 'could not publish progress to live subscribers');
    }
  }
}
