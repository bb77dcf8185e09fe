import { createHash } from 'node:crypto';
import type { DomainEvent } from '@academy/event-bus';

/** Published (through the outbox) when a learner first reaches 100 % in a course; conocer starts the certification saga on it. */
export const COURSE_COMPLETED = 'course.completed';

/** The payload conocer reads: exactly these fields; the event's `tenantId` names the tenant. */
export interface CourseCompletedPayload {
  learnerId: string;
  courseId: string;
  /** The standard the course prepares for; null when it maps to none. */
  standardCode: string | null;
  /** ISO 8601: when the completing progress happened. */
  completedAt: string;
}

export interface Completion {
  /** The progress event that completed the course. */
  eventId: string;
  tenantId: string;
  learnerId: string;
  courseId: string;
  standardCode: string | null;
  completedAt: Date;
}

/**
 * A uuid (version 8) from tenant, learner and course: the completion has one event id however often
 * it is written or relayed, so consumers de-duplicating on the id handle it once.
 */
export function completionEventId({ tenantId, learnerId, courseId }: Pick<Completion, 'tenantId' | 'learnerId' | 'courseId'>): string {
  const hex = createHash('sha256').update(`course.completed\u0000${tenantId}\u0000${learnerId}\u0000${courseId}`).digest('hex');
  const variant = ((Number.parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export function courseCompletedEvent(completion: Completion, occurredAt = new Date()): DomainEvent<CourseCompletedPayload> {
  const { tenantId, learnerId, courseId, standardCode, completedAt } = completion;
  return {
    id: completionEventId(completion),
    type: COURSE_COMPLETED,
    tenantId,
    occurredAt: occurredAt.toISOString(),
    payload: { learnerId, courseId, standardCode, completedAt: completedAt.toISOString() },
  };
}
