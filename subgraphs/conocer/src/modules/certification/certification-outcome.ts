import type { EntityManager } from '@mikro-orm/core';
import type { SubmissionOutcome } from '../plugins';
import type { SagaRunner } from '../saga';
import { CertificationEntity } from './certification.entity';
import { transition } from './certification-transition';

export interface OutcomeOptions {
  /** When a SUBMITTED certification is next checked with its provider. */
  pollIntervalMs: number;
}

/**
 * Applies a provider's answer to a certification, in one transaction with its events and, when the
 * answer is final, with the saga's waiting step. Answers that no longer apply (the certification moved
 * on meanwhile) change nothing. Returns the saga to resume, if the answer settled it.
 */
export async function applyOutcome(em: EntityManager, runner: SagaRunner, certificationId: string, outcome: SubmissionOutcome, options: OutcomeOptions): Promise<string | null> {
  return em.fork().transactional(async (tx) => {
    const row = await tx.findOne(CertificationEntity, { id: certificationId });
    if (!row) return null;
    const now = new Date();
    if (row.status === 'PENDING' && outcome.status !== 'REJECTED') {
      transition(tx, row, 'SUBMITTED', { submissionId: outcome.submissionId, submittedAt: now, nextPollAt: new Date(now.getTime() + options.pollIntervalMs) });
      row.lastSubmissionError = null;
    }
    if (outcome.status === 'ISSUED' && row.status === 'SUBMITTED') {
      transition(tx, row, 'ISSUED', { folio: outcome.folio, issuedAt: outcome.issuedAt, credential: outcome.credential ?? null });
      await runner.settle(tx, row.sagaId, { ok: true, detail: `issued with folio ${outcome.folio}` });
      return row.sagaId;
    }
    if (outcome.status === 'REJECTED' && (row.status === 'PENDING' || row.status === 'SUBMITTED')) {
      transition(tx, row, 'REJECTED', { reasonCode: outcome.reason.code, reasonMessage: outcome.reason.message.slice(0, 500), submissionId: outcome.submissionId ?? row.submissionId });
      await runner.settle(tx, row.sagaId, { ok: false, code: outcome.reason.code, message: outcome.reason.message });
      return row.sagaId;
    }
    return null;
  });
}
