import { AppError } from '@academy/service-kit';
import type { CatalogSnapshot } from '../catalog';
import type { ValidEventFields } from './event-validation';
import type { IngestItem } from './ingest-item';

export interface Enriched {
  tenantId: string;
  standardCode: string | null;
}

/** The dead-letter reason of an event about a blocked learner; starts with the error code the API answers. */
export const LEARNER_BLOCKED_REASON = 'learnerId: LEARNER_DATA_BLOCKED: the learner’s data is blocked by a cancellation request';

/** Refuses an event as the API does: LEARNER_DATA_BLOCKED when the learner is blocked, else BAD_USER_INPUT. */
export function refusedEventError(reasons: string[], deadLetterId: string | undefined): AppError {
  const code = reasons.includes(LEARNER_BLOCKED_REASON) ? 'LEARNER_DATA_BLOCKED' : 'BAD_USER_INPUT';
  return new AppError(code, `The event was refused: ${reasons.join('; ')}`, { reasons, deadLetterId });
}

/** Learners of a data-subject cancellation: blocked (no new events stored), and among them the deleted (nothing about them kept, not even a refused event). */
export interface CancelledLearners {
  has(tenantId: string, learnerId: string): boolean;
  deleted(tenantId: string, learnerId: string): boolean;
}

/**
 * The enrichment step: the tenant must exist, the course must be in the tenant's catalog (once the
 * tenant keeps one), and the learner must not be blocked; the event then gets the course's standard
 * unless it named one itself. Returns every reason it cannot be stored.
 */
export function enrichEvent(item: IngestItem, fields: ValidEventFields, catalog: CatalogSnapshot, blocked: (tenantId: string, learnerId: string) => boolean): Enriched | { reasons: string[] } {
  const { tenantId } = item;
  if (tenantId === null || tenantId === '') return { reasons: ['tenantId: required (the bus event names no tenant)'] };
  const reasons: string[] = [];
  if (!item.tenantVerified && !catalog.knownTenants.has(tenantId)) reasons.push(`tenantId: unknown tenant ${tenantId}`);
  // A tenant that registered no course yet has no catalog to check against: its events name courses freely.
  const courses = catalog.courses.get(tenantId);
  if (courses && !courses.has(fields.courseId)) reasons.push(`courseId: unknown course ${fields.courseId} (not in the tenant's course catalog)`);
  if (blocked(tenantId, fields.learnerId)) reasons.push(LEARNER_BLOCKED_REASON);
  if (reasons.length) return { reasons };
  return { tenantId, standardCode: fields.standardCode ?? courses?.get(fields.courseId) ?? null };
}
