import { type DomainEvent, newEvent } from '@academy/event-bus';
import type { CertificationEntity } from './certification.entity';
import type { CertificationStatusValue } from './certification-status';

/**
 * Events about certifications: the contract with analytics (`certificationUpdated` subscription) and
 * the submission worker. Payloads never carry a CURP.
 */
export const CERTIFICATION_EVENT = {
  /** Published (through the outbox) on every status change, PENDING included. */
  updated: 'certification.updated',
  /** Internal: a certification to hand to its provider; consumed by the submission worker. */
  submissionRequested: 'certification.submission.requested',
} as const;

export interface CertificationUpdatedPayload {
  certificationId: string;
  learnerId: string;
  standardCode: string;
  status: CertificationStatusValue;
  folio: string | null;
  /** Why it was rejected, as `CODE: message` (e.g. `NOT_COMPETENT: …`); null otherwise. */
  reason: string | null;
  /** ISO 8601: when the status changed. */
  occurredAt: string;
}

export interface SubmissionRequestedPayload {
  certificationId: string;
}

export function certificationUpdated(row: CertificationEntity, occurredAt = new Date()): DomainEvent<CertificationUpdatedPayload> {
  return newEvent(CERTIFICATION_EVENT.updated, row.tenantId, {
    certificationId: row.id,
    learnerId: row.learnerId,
    standardCode: row.standardCode,
    status: row.status,
    folio: row.folio,
    reason: row.reasonCode ? `${row.reasonCode}: ${row.reasonMessage ?? ''}` : null,
    occurredAt: occurredAt.toISOString(),
  });
}

export function submissionRequested(row: CertificationEntity): DomainEvent<SubmissionRequestedPayload> {
  return newEvent(CERTIFICATION_EVENT.submissionRequested, row.tenantId, { certificationId: row.id });
}
