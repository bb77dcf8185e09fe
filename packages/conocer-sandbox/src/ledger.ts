import { randomUUID } from 'node:crypto';
import type { Accreditations } from './accreditations';
import type { StandardsCatalog } from './catalog';
import { checkSubmission, idempotencyKeyOf, isRejection, keyReused, type Rejection, type SubmissionInput, sameSubmission } from './submission-rules';

export interface Submission {
  id: string;
  batchId: string;
  input: SubmissionInput;
  receivedAt: string;
  status: 'RECEIVED' | 'ISSUED' | 'REJECTED';
  folio: string | null;
  issuedAt: string | null;
  reason?: Rejection;
  revoked: boolean;
}

export interface ItemResult {
  idempotencyKey: string;
  submissionId: string | null;
  status: 'RECEIVED' | 'REJECTED';
  reason?: Rejection;
}

export interface LedgerStats {
  /** Submissions received (one per idempotency key). */
  submissions: number;
  /** Received, folio not assigned yet. */
  pending: number;
  /** Certificates issued: folios assigned. */
  issued: number;
  /** TODAVIA_NO_COMPETENTE results: recorded, no certificate. */
  notCompetent: number;
  revoked: number;
  /** Items rejected on receipt. */
  rejectedItems: number;
  /** Items that repeated a known key and got the original submission back instead of a new one. */
  repeatedKeys: number;
}

/**
 * Every submission and certificate, in memory. An idempotency key maps to at most one submission,
 * and a submission to at most one folio, so no key ever yields a second certificate.
 */
export class SubmissionLedger {
  private readonly byId = new Map<string, Submission>();
  private readonly byKey = new Map<string, Submission>();
  private readonly byFolio = new Map<string, Submission>();
  private readonly byCurp = new Map<string, Submission[]>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private folioSequence = 0;
  private rejectedItems = 0;
  private repeatedKeys = 0;

  constructor(
    private readonly catalog: StandardsCatalog,
    private readonly accreditations: Accreditations,
    /** Changeable at run time (admin settings). */
    public issuanceDelayMs: number,
  ) {}

  receiveBatch(items: unknown[]): { batchId: string; items: ItemResult[] } {
    const batchId = randomUUID();
    return { batchId, items: items.map((raw) => this.receive(raw, batchId)) };
  }

  get(id: string): Submission | undefined {
    return this.byId.get(id);
  }

  byFolioNumber(folio: string): Submission | undefined {
    return this.byFolio.get(folio);
  }

  certificatesOf(curp: string): Submission[] {
    return (this.byCurp.get(curp) ?? []).filter((s) => s.folio !== null);
  }

  revoke(folio: string): Submission | undefined {
    const submission = this.byFolio.get(folio);
    if (submission) submission.revoked = true;
    return submission;
  }

  stats(): LedgerStats {
    const all = [...this.byId.values()];
    return {
      submissions: all.length,
      pending: all.filter((s) => s.status === 'RECEIVED').length,
      issued: this.byFolio.size,
      notCompetent: all.filter((s) => s.reason?.code === 'NOT_COMPETENT').length,
      revoked: all.filter((s) => s.revoked).length,
      rejectedItems: this.rejectedItems,
      repeatedKeys: this.repeatedKeys,
    };
  }

  /** Drops every submission and certificate (drills between runs). */
  reset(): void {
    this.close();
    this.byId.clear();
    this.byKey.clear();
    this.byFolio.clear();
    this.byCurp.clear();
    this.rejectedItems = 0;
    this.repeatedKeys = 0;
  }

  close(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private receive(raw: unknown, batchId: string): ItemResult {
    const key = idempotencyKeyOf(raw);
    const known = key === null ? undefined : this.byKey.get(key);
    if (known) return this.repeat(known, raw);
    const checked = checkSubmission(raw, this.catalog, this.accreditations);
    if (isRejection(checked)) {
      this.rejectedItems++;
      // Not remembered under the key: the ECE may correct the item and send it again with the same key.
      return { idempotencyKey: key ?? '', submissionId: null, status: 'REJECTED', reason: checked };
    }
    const submission: Submission = {
      id: randomUUID(),
      batchId,
      input: checked,
      receivedAt: new Date().toISOString(),
      status: 'RECEIVED',
      folio: null,
      issuedAt: null,
      revoked: false,
    };
    this.byId.set(submission.id, submission);
    this.byKey.set(checked.idempotencyKey, submission);
    this.scheduleIssuance(submission);
    return { idempotencyKey: checked.idempotencyKey, submissionId: submission.id, status: 'RECEIVED' };
  }

  private repeat(original: Submission, raw: unknown): ItemResult {
    const item = raw as Record<string, unknown>;
    const again = { ...original.input, ...pickStrings(item) };
    if (!sameSubmission(original.input, again)) {
      this.rejectedItems++;
      return { idempotencyKey: original.input.idempotencyKey, submissionId: null, status: 'REJECTED', reason: keyReused() };
    }
    this.repeatedKeys++;
    return { idempotencyKey: original.input.idempotencyKey, submissionId: original.id, status: 'RECEIVED' };
  }

  private scheduleIssuance(submission: Submission): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.issue(submission);
    }, this.issuanceDelayMs);
    timer.unref();
    this.timers.add(timer);
  }

  private issue(submission: Submission): void {
    if (submission.status !== 'RECEIVED') return;
    if (submission.input.judgment === 'TODAVIA_NO_COMPETENTE') {
      submission.status = 'REJECTED';
      submission.reason = { code: 'NOT_COMPETENT', message: 'The judgment is TODAVIA_NO_COMPETENTE: the result is recorded and no certificate is issued.' };
      return;
    }
    const issuedAt = new Date();
    submission.status = 'ISSUED';
    submission.issuedAt = issuedAt.toISOString();
    submission.folio = `CNC-${issuedAt.getUTCFullYear()}-${String(++this.folioSequence).padStart(7, '0')}`;
    this.byFolio.set(submission.folio, submission);
    const held = this.byCurp.get(submission.input.curp) ?? [];
    held.push(submission);
    this.byCurp.set(submission.input.curp, held);
  }
}

/** The submitted fields of a repeated item, compared with the original (non-strings never match it). */
function pickStrings(item: Record<string, unknown>): Partial<SubmissionInput> {
  const fields = ['curp', 'standardCode', 'judgment', 'evaluatedOn', 'evaluationCenterId'] as const;
  return Object.fromEntries(fields.map((f) => [f, typeof item[f] === 'string' ? item[f] : `\u0000${String(item[f])}`])) as Partial<SubmissionInput>;
}
