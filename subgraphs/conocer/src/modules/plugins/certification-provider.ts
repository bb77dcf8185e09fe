import type { IntegrationPlugin } from './integration-plugin';
import type { CertificationProviderName } from './provider-names';

export type Judgment = 'COMPETENTE' | 'TODAVIA_NO_COMPETENTE';

/** The event type a certification provider's `process` receives: one certification to submit. */
export const SUBMIT_CERTIFICATION = 'certification.submit';

/**
 * One certification as a provider needs it. Built in memory by the submission worker right before
 * `process` (the CURP is decrypted only there); it never travels through the bus or the outbox.
 */
export interface CertificationSubmission {
  /** The certification's id: the provider's idempotency key, so a retry never certifies twice. */
  certificationId: string;
  tenantId: string;
  learnerId: string;
  curp: string;
  standardCode: string;
  standardTitle: string;
  judgment: Judgment;
  /** YYYY-MM-DD. */
  evaluatedOn: string;
  evaluationCenterId: string;
}

export interface ProviderReason {
  code: string;
  message: string;
}

/**
 * Where a submission stands at the provider. `RECEIVED`: accepted, the folio comes later (poll
 * `status`); `ISSUED`: certified, with its folio (and, for self-issued credentials, the document).
 */
export type SubmissionOutcome =
  | { status: 'RECEIVED'; submissionId: string }
  | { status: 'ISSUED'; submissionId: string; folio: string; issuedAt: Date; credential?: string }
  | { status: 'REJECTED'; submissionId: string | null; reason: ProviderReason };

/** A certificate as a provider can vouch for it, for public verification. */
export interface ProviderCertificate {
  folio: string;
  standardCode: string;
  /** The holder's CURP, masked (first 4 and last 2 characters), as providers give it out. */
  maskedCurp: string;
  issuedAt: Date;
  evaluationCenterId: string | null;
}

/** `available`: calls go out now; `unavailable`: the provider is known down (e.g. an open circuit), so submissions wait. */
export type ProviderAvailability = 'available' | 'unavailable';

/**
 * A plugin that certifies: `process` takes a `certification.submit` event and must be idempotent on
 * `certificationId`. A definitive refusal is a `REJECTED` outcome. `ProviderUnavailableError` (known
 * down, nothing tried) parks the submission until the provider answers again; any other error is a
 * failed attempt: retried, then dead-lettered once the retry budget is spent.
 */
export interface CertificationProvider extends IntegrationPlugin<CertificationSubmission, SubmissionOutcome> {
  readonly name: CertificationProviderName;
  /** The current state of a `RECEIVED` submission. */
  status(submissionId: string): Promise<SubmissionOutcome>;
  availability(): ProviderAvailability;
  /** Certificates the provider knows by folio or CURP that this platform may not have issued; [] when it cannot say. */
  verify(query: { folio: string } | { curp: string }): Promise<ProviderCertificate[]>;
}
