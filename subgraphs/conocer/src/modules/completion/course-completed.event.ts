import type { DomainEvent } from '@academy/event-bus';
import { isEcCode } from '@academy/renec';
import { z } from 'zod';

/** Published by analytics when a learner completes a course. */
export const COURSE_COMPLETED = 'course.completed';

export interface CourseCompletedPayload {
  learnerId: string;
  courseId: string;
  /** The standard the course prepares for; null when it maps to none. */
  standardCode: string | null;
  /** ISO 8601. */
  completedAt: string;
}

const courseCompleted = z.object({
  id: z.string().min(1).max(64),
  tenantId: z.string().min(1).max(64),
  payload: z.object({
    learnerId: z.string().trim().min(1).max(100),
    courseId: z.string().trim().min(1).max(100),
    standardCode: z
      .string()
      .transform((code) => code.trim().toUpperCase())
      .refine(isEcCode, 'not a RENEC standard code')
      .nullish(),
    completedAt: z.iso.datetime({ offset: true }),
  }),
});

export interface CourseCompletion {
  eventId: string;
  tenantId: string;
  learnerId: string;
  courseId: string;
  standardCode: string | null;
  completedAt: Date;
}

export function courseCompletionOf(event: DomainEvent): CourseCompletion | { problems: string[] } {
  const parsed = courseCompleted.safeParse(event);
  if (!parsed.success) return { problems: parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`) };
  const { id, tenantId, payload } = parsed.data;
  return { eventId: id, tenantId, ...payload, standardCode: payload.standardCode ?? null, completedAt: new Date(payload.completedAt) };
}
