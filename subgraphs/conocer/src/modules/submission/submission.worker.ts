import { type EventHandler, newEvent } from '@academy/event-bus';
import type { Logger } from '@academy/service-kit';
import { type EntityManager, raw } from '@mikro-orm/core';
import { applyOutcome, CertificationEntity } from '../certification';
import type { CurpVault } from '../curp';
import { type CertificationSubmission, type ProviderDirectory, ProviderUnavailableError, SUBMIT_CERTIFICATION, type SubmissionOutcome } from '../plugins';
import type { SagaRunner } from '../saga';
import { CompetencyStandardEntity } from '../standard';

export interface SubmissionWorkerOptions {
  /** Failed deliveries to the provider before the submission is dead-lettered (its retry budget). */
  maxAttempts: number;
  pollIntervalMs: number;
}

export interface SubmissionWorkerDependencies {
  /** All-tenants scope, outside any request. */
  em: EntityManager;
  providers: ProviderDirectory;
  vault: CurpVault;
  runner: SagaRunner;
  logger: Logger;
  /** After a commit that queued events (the outbox relay's kick). */
  onCommit(): void;
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error)).slice(0, 500);

async function submissionOf(em: EntityManager, row: CertificationEntity, vault: CurpVault): Promise<CertificationSubmission> {
  const standard = await em.findOne(CompetencyStandardEntity, { code: row.standardCode });
  return {
    certificationId: row.id,
    tenantId: row.tenantId,
    learnerId: row.learnerId,
    // Decrypted here only, for the provider call; it never reaches the bus, the outbox or a log.
    curp: vault.open({ ciphertext: row.curpCiphertext, keyId: row.curpKeyId }, row.tenantId),
    standardCode: row.standardCode,
    standardTitle: standard?.title ?? row.standardCode,
    judgment: row.judgment,
    evaluatedOn: row.evaluatedOn,
    evaluationCenterId: row.evaluationCenterId,
  };
}

/**
 * `certification.submission.requested` → the certification's provider, in real time. The row keeps
 * the retry budget: a failed delivery counts an attempt and is thrown, so the bus delivers it again
 * after a growing delay; the attempt that spends the budget dead-letters the submission on the row
 * (with the error as reason) and is acknowledged. A provider known down (open circuit) parks the
 * submission without spending the budget. Providers are idempotent on the certification id, so
 * redeliveries never certify twice, and a certification that is no longer PENDING is skipped.
 */
export function submissionHandler(deps: SubmissionWorkerDependencies, options: SubmissionWorkerOptions): EventHandler {
  const { providers, vault, runner, logger } = deps;
  return async (event) => {
    const certificationId = (event.payload as { certificationId?: unknown } | null)?.certificationId;
    if (typeof certificationId !== 'string') {
      logger.warn({ eventId: event.id }, 'dropped a malformed certification.submission.requested event');
      return;
    }
    const em = deps.em.fork();
    const row = await em.findOne(CertificationEntity, { id: certificationId });
    if (!row || row.status !== 'PENDING' || row.deadLetteredAt) return;
    let outcome: SubmissionOutcome;
    try {
      const provider = providers.get(row.provider);
      if (!provider) throw new Error(`the certification provider ${row.provider} is not enabled`);
      outcome = await provider.process(newEvent(SUBMIT_CERTIFICATION, row.tenantId, await submissionOf(em, row, vault)));
    } catch (error) {
      if (error instanceof ProviderUnavailableError) {
        await em.nativeUpdate(CertificationEntity, { id: row.id }, { submissionDeferredAt: new Date(), lastSubmissionError: messageOf(error) });
        logger.info({ certificationId: row.id, provider: row.provider }, 'provider unavailable: submission parked until it answers');
        return;
      }
      const attempts = row.submissionAttempts + 1;
      const deadLettered = attempts >= options.maxAttempts;
      await em.nativeUpdate(
        CertificationEntity,
        { id: row.id },
        { submissionAttempts: raw('submission_attempts + 1'), lastSubmissionAttemptAt: new Date(), lastSubmissionError: messageOf(error), ...(deadLettered && { deadLetteredAt: new Date() }) },
      );
      if (deadLettered) {
        logger.error({ err: error, certificationId: row.id, provider: row.provider, attempts }, 'certification submission dead-lettered: retry budget spent');
        return;
      }
      logger.warn({ err: error, certificationId: row.id, provider: row.provider, attempts }, 'certification submission failed; will retry');
      throw error;
    }
    await em.nativeUpdate(CertificationEntity, { id: row.id }, { submissionAttempts: raw('submission_attempts + 1'), lastSubmissionAttemptAt: new Date() });
    const settled = await applyOutcome(deps.em, runner, row.id, outcome, options);
    deps.onCommit();
    if (settled) void runner.resume(settled).catch((error) => logger.warn({ err: error, sagaId: settled }, 'could not resume a saga; the sweeper will'));
  };
}
