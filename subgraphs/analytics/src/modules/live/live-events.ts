import type { DomainEvent } from '@academy/event-bus';
import { z } from 'zod';
import { ENGAGEMENT_ACTIVITIES, MAX_CLOCK_SKEW_MS, OLDEST_EVENT, STANDARD_CODE_PATTERN } from '../events';
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

const text = (max: number) => z.string({ error: 'must be a string' }).trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);

/**
 * conocer's `certification.updated` payload, checked field by field (each reason named), for both uses:
 * the live stream skips an event that fails it, the timeline dead-letters it with the reasons. The
 * limits are the timeline columns' (conocer's own are narrower).
 */
export const certificationUpdatedPayload = z.object({
  certificationId: text(100),
  learnerId: text(100),
  standardCode: z.string({ error: 'must be a string' }).regex(STANDARD_CODE_PATTERN, 'must look like EC0217 or EC0217.01'),
  status: z.enum(CertificationStatus, { error: `must be one of ${Object.values(CertificationStatus).join(', ')}` }),
  folio: text(200)
    .nullish()
    .transform((value) => value ?? null),
  reason: z
    .string({ error: 'must be a string' })
    .max(1000, 'must be at most 1000 characters')
    .nullish()
    .transform((value) => value ?? null),
  occurredAt: z.iso
    .datetime({ offset: true, error: 'must be an ISO 8601 timestamp with an offset' })
    .transform((value) => new Date(value))
    .refine((date) => date.getTime() <= Date.now() + MAX_CLOCK_SKEW_MS, 'must not be more than 5 minutes in the future')
    .refine((date) => date.getTime() >= OLDEST_EVENT.getTime(), 'must not be before 2000-01-01'),
});

/** A live event's payload, checked: a malformed one (another service's bug) is skipped, never streamed half-formed. */
export function parseLivePayload<T extends z.ZodType>(schema: T, event: DomainEvent): z.output<T> | null {
  const parsed = schema.safeParse(event.payload);
  return parsed.success ? parsed.data : null;
}
