import type { DomainEvent } from '@academy/event-bus';
import { z } from 'zod';
import { ENGAGEMENT_ACTIVITIES } from '../events';
import { CertificationStatus } from './certification-status';

/** Published by analytics when a new progress event is stored (not for a repeated `clientEventId`). */
export const PROGRESS_RECORDED = 'progress.recorded';
/** Published by analytics when a new engagement event is stored (not for a repeated `clientEventId`). */
export const ENGAGEMENT_RECORDED = 'engagement.recorded';
/** Published by conocer on every status change of a certification. */
export const CERTIFICATION_UPDATED = 'certification.updated';

/** The event types analytics streams to subscribers; every replica receives each one (fan-out). */
export const LIVE_EVENT_TYPES = [PROGRESS_RECORDED, ENGAGEMENT_RECORDED, CERTIFICATION_UPDATED];

const isoDate = z.iso.datetime({ offset: true }).transform((value) => new Date(value));

export const progressRecordedPayload = z.object({
  id: z.string().min(1),
  learnerId: z.string().min(1),
  courseId: z.string().min(1),
  standardCode: z.string().nullable(),
  percent: z.number().min(0).max(100),
  occurredAt: isoDate,
  receivedAt: isoDate,
});
export type ProgressRecordedPayload = z.input<typeof progressRecordedPayload>;

export const engagementRecordedPayload = z.object({
  id: z.string().min(1),
  learnerId: z.string().min(1),
  courseId: z.string().min(1),
  activity: z.enum(ENGAGEMENT_ACTIVITIES),
  durationSeconds: z.number().int().min(0),
  occurredAt: isoDate,
  receivedAt: isoDate,
});
export type EngagementRecordedPayload = z.input<typeof engagementRecordedPayload>;

export const certificationUpdatedPayload = z.object({
  certificationId: z.string().min(1),
  learnerId: z.string().min(1),
  standardCode: z.string().min(1),
  status: z.enum(CertificationStatus),
  folio: z.string().nullable().default(null),
  reason: z.string().nullable().default(null),
  occurredAt: isoDate,
});

/** A live event's payload, checked: a malformed one (another service's bug) is skipped, never streamed half-formed. */
export function parseLivePayload<T extends z.ZodType>(schema: T, event: DomainEvent): z.output<T> | null {
  const parsed = schema.safeParse(event.payload);
  return parsed.success ? parsed.data : null;
}
