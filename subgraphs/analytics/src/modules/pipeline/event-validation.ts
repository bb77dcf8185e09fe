import { z } from 'zod';
import { ENGAGEMENT_ACTIVITIES, type EngagementActivity, type EventKind, MAX_CLOCK_SKEW_MS, MAX_DURATION_SECONDS, OLDEST_EVENT, reasonsOf, STANDARD_CODE_PATTERN } from '../events';

const id = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);

/** A Date (GraphQL inputs) or an ISO 8601 string with an offset (bus payloads), within the accepted window. */
const occurredAt = z
  .union([z.date(), z.iso.datetime({ offset: true }).transform((value) => new Date(value))], { error: 'must be an ISO 8601 timestamp with an offset' })
  .refine((date) => !Number.isNaN(date.getTime()), 'must be a valid date')
  .refine((date) => date.getTime() <= Date.now() + MAX_CLOCK_SKEW_MS, 'must not be more than 5 minutes in the future')
  .refine((date) => date.getTime() >= OLDEST_EVENT.getTime(), 'must not be before 2000-01-01')
  .nullish();

const common = {
  learnerId: id(100),
  courseId: id(100),
  occurredAt,
  clientEventId: id(100).nullish(),
};

const progress = z.object({
  ...common,
  standardCode: z.string().regex(STANDARD_CODE_PATTERN, 'must look like EC0217 or EC0217.01').nullish(),
  percent: z.number({ error: 'must be a number' }).finite().min(0, 'must be at least 0').max(100, 'must be at most 100'),
});

const engagement = z.object({
  ...common,
  activity: z.enum(ENGAGEMENT_ACTIVITIES, { error: `must be one of ${ENGAGEMENT_ACTIVITIES.join(', ')}` }),
  durationSeconds: z
    .number({ error: 'must be a number' })
    .int('must be a whole number of seconds')
    .min(0, 'must be at least 0')
    .max(MAX_DURATION_SECONDS, `must be at most ${MAX_DURATION_SECONDS}`),
});

export interface ValidEventFields {
  learnerId: string;
  courseId: string;
  occurredAt: Date | null;
  clientEventId: string | null;
  standardCode: string | null;
  percent: number | null;
  activity: EngagementActivity | null;
  durationSeconds: number | null;
}

/** The validation and transformation step: typed, trimmed fields, or every reason they are not acceptable. */
export function validateEventFields(kind: EventKind, data: unknown): { fields: ValidEventFields } | { reasons: string[] } {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return { reasons: ['event: must be an object'] };
  if (kind === 'progress') {
    const parsed = progress.safeParse(data);
    if (!parsed.success) return { reasons: reasonsOf(parsed.error, data) };
    const { standardCode, occurredAt: at, clientEventId, ...rest } = parsed.data;
    return { fields: { ...rest, standardCode: standardCode ?? null, occurredAt: at ?? null, clientEventId: clientEventId ?? null, activity: null, durationSeconds: null } };
  }
  const parsed = engagement.safeParse(data);
  if (!parsed.success) return { reasons: reasonsOf(parsed.error, data) };
  const { occurredAt: at, clientEventId, ...rest } = parsed.data;
  return { fields: { ...rest, occurredAt: at ?? null, clientEventId: clientEventId ?? null, standardCode: null, percent: null } };
}
