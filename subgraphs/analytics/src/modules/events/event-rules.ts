/** The rules every event meets, shared by the GraphQL inputs and the pipeline's validation step. */

/** `EC0217`, or with an edition suffix `EC0217.01`: how RENEC codes its standards. */
export const STANDARD_CODE_PATTERN = /^EC\d{4}(\.\d{2})?$/;
/** Client clocks drift; anything further ahead than this is a bug or a forgery, not drift. */
export const MAX_CLOCK_SKEW_MS = 5 * 60_000;
/** Older than this is a wrong clock or a wrong field, not history. */
export const OLDEST_EVENT = new Date('2000-01-01T00:00:00.000Z');
/** A day: longer sessions are reported as several events. */
export const MAX_DURATION_SECONDS = 86_400;

export const ENGAGEMENT_ACTIVITIES = ['LESSON_VIEWED', 'VIDEO_WATCHED', 'QUIZ_ATTEMPTED', 'ASSIGNMENT_SUBMITTED', 'DISCUSSION_POSTED', 'SESSION'] as const;
export type EngagementActivity = (typeof ENGAGEMENT_ACTIVITIES)[number];
