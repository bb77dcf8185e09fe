import { type DomainEvent, type EventBus, newEvent } from '@academy/event-bus';
import type { Logger } from '@academy/service-kit';
import type { PipelineEvent } from '../pipeline';
import type { ProgressEvent } from '../progress';
import { ENGAGEMENT_RECORDED, type EngagementRecordedPayload, PROGRESS_RECORDED, type ProgressRecordedPayload } from './live-events';

/**
 * Tells every analytics replica (and so every subscriber) about stored progress and engagement. The event is stored
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
    await this.publish(newEvent(PROGRESS_RECORDED, tenantId, payload));
  }

  async engagementRecorded({ id, tenantId, learnerId, courseId, activity, durationSeconds, occurredAt, receivedAt }: PipelineEvent): Promise<void> {
    const payload = {
      id,
      learnerId,
      courseId,
      activity,
      durationSeconds: durationSeconds ?? 0,
      occurredAt: occurredAt.toISOString(),
      receivedAt: receivedAt.toISOString(),
    } as EngagementRecordedPayload;
    await this.publish(newEvent(ENGAGEMENT_RECORDED, tenantId, payload));
  }

  private async publish(event: DomainEvent): Promise<void> {
    try {
      await this.bus.publish(event);
    } catch (error) {
      this.logger.warn({ err: error, eventId: event.id, type: event.type }, 'could not publish an event to live subscribers');
    }
  }
}
