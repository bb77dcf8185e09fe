import { z } from 'zod';

/**
 * The events of a learner's cancellation (LFPDPPP's two steps), published by tenancy through its
 * outbox and consumed by every subgraph that holds the learner's data. The event's `tenantId` is the
 * learner's tenant; the payload names the learner by id only, never by a personal field.
 */
export const LEARNER_EVENT = {
  /** Step 1: stop processing and showing the learner's data; refuse further events about them. */
  cancellationBlocked: 'learner.cancellation.blocked',
  /** Step 2: delete the learner's data (or irreversibly anonymise what must be retained). */
  deleted: 'learner.deleted',
} as const;

export const learnerCancellationPayload = z.object({
  /** Names the request in every subgraph's audit record. */
  cancellationId: z.guid(),
  learnerId: z.string().min(1).max(200),
  /** Who asked for this step (the learner, an admin, or `system` when the blocking period ran out). */
  actor: z.string().min(1).max(200),
  /** ISO 8601: when the step was decided. */
  at: z.iso.datetime({ offset: true }),
});

export type LearnerCancellationPayload = z.infer<typeof learnerCancellationPayload>;

/** The event's tenant and payload, or null when it is not a well-formed cancellation event. */
export function parseLearnerCancellation(event: { tenantId: string | null; payload: unknown }): (LearnerCancellationPayload & { tenantId: string }) | null {
  const parsed = learnerCancellationPayload.safeParse(event.payload);
  return parsed.success && event.tenantId ? { ...parsed.data, tenantId: event.tenantId } : null;
}
