import { type CertificateVerification, type ConocerClient, ConocerError, MAX_BATCH_SIZE, type SubmissionItem, type SubmissionResult, type SubmissionStatus } from '@academy/conocer-client';
import type { DomainEvent } from '@academy/event-bus';
import { type CertificationProvider, type CertificationSubmission, type PluginContext, type ProviderCertificate, ProviderUnavailableError, type SubmissionOutcome } from '../../plugins';
import { SubmissionBatcher } from './submission-batcher';

export interface ConocerProviderOptions {
  /** How long a submission waits for others to share its lote. @default 25 */
  batchWindowMs?: number;
  /** @default the API's maximum (500) */
  maxBatchSize?: number;
}

function outcomeOf(status: SubmissionStatus): SubmissionOutcome {
  if (status.status === 'ISSUED' && status.folio) {
    return { status: 'ISSUED', submissionId: status.submissionId, folio: status.folio, issuedAt: status.issuedAt ? new Date(status.issuedAt) : new Date() };
  }
  if (status.status === 'REJECTED') return { status: 'REJECTED', submissionId: status.submissionId, reason: status.reason ?? { code: 'REJECTED', message: 'CONOCER rejected the submission' } };
  return { status: 'RECEIVED', submissionId: status.submissionId };
}

/**
 * CONOCER as a certification provider, through the service's one CONOCER client (one token, one
 * circuit breaker, one audit trail for every caller). Submissions handed in together leave as one
 * lote; the certification id is the idempotency key, so CONOCER never certifies a retry twice.
 * Issuance is asynchronous: `process` answers RECEIVED and `status` later ISSUED (with the folio) or REJECTED.
 */
export class ConocerProvider implements CertificationProvider {
  readonly name = 'conocer' as const;
  readonly version = '1.0.0';
  private readonly batcher: SubmissionBatcher<SubmissionItem, SubmissionResult>;
  private stopWatchingCircuit: (() => void) | undefined;

  constructor(
    private readonly client: ConocerClient,
    options: ConocerProviderOptions = {},
  ) {
    this.batcher = new SubmissionBatcher(async (items) => (await client.submitBatch(items)).items, {
      maxSize: Math.min(options.maxBatchSize ?? MAX_BATCH_SIZE, MAX_BATCH_SIZE),
      windowMs: options.batchWindowMs ?? 25,
    });
  }

  async initialize({ logger }: PluginContext): Promise<void> {
    this.stopWatchingCircuit = this.client.onCircuitChange((state) => {
      if (state === 'open') logger.warn('the circuit to CONOCER opened: submissions wait in the queue until it closes');
      else logger.info({ state }, 'the circuit to CONOCER changed');
    });
  }

  async process(event: DomainEvent<CertificationSubmission>): Promise<SubmissionOutcome> {
    const { certificationId, curp, standardCode, judgment, evaluatedOn, evaluationCenterId } = event.payload;
    let result: SubmissionResult;
    try {
      result = await this.batcher.add({ idempotencyKey: certificationId, curp, standardCode, judgment, evaluatedOn, evaluationCenterId });
    } catch (error) {
      // The client refused without calling: CONOCER is known down, so the submission waits rather than fails.
      if (error instanceof ConocerError && error.kind === 'circuit_open') throw new ProviderUnavailableError(error.message, { cause: error });
      throw error;
    }
    if (result.status === 'RECEIVED' && result.submissionId) return { status: 'RECEIVED', submissionId: result.submissionId };
    return { status: 'REJECTED', submissionId: result.submissionId, reason: result.reason ?? { code: 'REJECTED', message: 'CONOCER did not receive the submission' } };
  }

  async status(submissionId: string): Promise<SubmissionOutcome> {
    return outcomeOf(await this.client.getSubmission(submissionId));
  }

  /** An open circuit means CONOCER is known down: submissions stay queued instead of failing fast one by one. */
  availability(): 'available' | 'unavailable' {
    return this.client.circuitState() === 'open' ? 'unavailable' : 'available';
  }

  async verify(query: { folio: string } | { curp: string }): Promise<ProviderCertificate[]> {
    const found = 'folio' in query ? [await this.client.verifyByFolio(query.folio)].filter((c): c is CertificateVerification => c !== null) : await this.client.verifyByCurp(query.curp);
    return found
      .filter((certificate) => certificate.status === 'VALID')
      .map((certificate) => ({
        folio: certificate.folio,
        standardCode: certificate.standardCode,
        maskedCurp: certificate.curpMasked,
        issuedAt: new Date(certificate.issuedAt),
        evaluationCenterId: null,
      }));
  }

  async cleanup(): Promise<void> {
    this.stopWatchingCircuit?.();
    await this.batcher.close();
  }
}
