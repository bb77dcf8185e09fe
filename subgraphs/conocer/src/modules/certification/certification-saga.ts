import { AppError } from '@academy/service-kit';
import type { EntityManager } from '@mikro-orm/core';
import { CourseCompletionEntity } from '../completion';
import { recordNotification } from '../notification';
import { enqueueEvent } from '../outbox';
import { recordIssuedCertification } from '../profile';
import { type SagaDefinition, type SagaEntity, type SagaStep, SagaStepFailure } from '../saga';
import { CompetencyStandardEntity } from '../standard';
import { activeKeyOf, CertificationEntity } from './certification.entity';
import { certificationUpdated, submissionRequested } from './certification-events';
import { transition } from './certification-transition';

export const STEP = {
  validateCompletion: 'validateCompletion',
  generateCertificate: 'generateCertificate',
  submitToProvider: 'submitToProvider',
  updateLearnerProfile: 'updateLearnerProfile',
  sendNotification: 'sendNotification',
} as const;

async function certificationOf(tx: EntityManager, saga: SagaEntity): Promise<CertificationEntity> {
  if (!saga.certificationId) throw new Error(`saga ${saga.id} has no certification yet`);
  return tx.findOneOrFail(CertificationEntity, { id: saga.certificationId });
}

async function titleOf(tx: EntityManager, code: string): Promise<string> {
  return (await tx.findOne(CompetencyStandardEntity, { code }))?.title ?? code;
}

/** The completion the saga was started on must (still) be on record, unless staff asserted it. */
const validateCompletion: SagaStep = {
  name: STEP.validateCompletion,
  async execute({ tx, saga }) {
    const { completion, learnerId, standardCode } = saga.input;
    if (completion.source === 'ASSERTED') return 'DONE';
    const found = await tx.count(CourseCompletionEntity, { id: completion.completionId, tenantId: saga.tenantId, learnerId, standardCode });
    if (found === 0) {
      const message = `No completed course for ${standardCode} is on record for learner ${learnerId}`;
      throw new SagaStepFailure('COURSE_NOT_COMPLETED', message, new AppError('COURSE_NOT_COMPLETED', message, { standardCode }));
    }
    return 'DONE';
  },
};

/** The platform's certificate record, PENDING; one live certification per learner and standard. */
const generateCertificate: SagaStep = {
  name: STEP.generateCertificate,
  async execute({ tx, saga }) {
    const { input, tenantId } = saga;
    const activeKey = activeKeyOf(tenantId, input.learnerId, input.standardCode);
    const live = await tx.findOne(CertificationEntity, { activeKey }, { fields: ['id'] });
    if (live) {
      const message = `Learner ${input.learnerId} already has a live certification for ${input.standardCode}`;
      throw new SagaStepFailure('CERTIFICATION_ALREADY_EXISTS', message, new AppError('CERTIFICATION_ALREADY_EXISTS', message, { certificationId: live.id }));
    }
    const row = tx.create(CertificationEntity, {
      tenantId,
      learnerId: input.learnerId,
      standardCode: input.standardCode,
      judgment: input.judgment,
      evaluatedOn: input.evaluatedOn,
      evaluationCenterId: input.evaluationCenterId,
      curpCiphertext: input.curp.ciphertext,
      curpKeyId: input.curp.keyId,
      curpIndex: input.curp.blindIndex,
      maskedCurp: input.curp.masked,
      provider: input.provider,
      sagaId: saga.id,
      activeKey,
    });
    saga.certificationId = row.id;
    enqueueEvent(tx, certificationUpdated(row));
    return 'DONE';
  },
  /** Voids the certificate: REJECTED with the saga's failure (unless the provider already rejected it), and tells the learner. */
  async compensate({ tx, saga }) {
    const row = await certificationOf(tx, saga);
    const reason = saga.failure ?? { code: 'SAGA_FAILED', message: 'The certification could not be completed' };
    if (row.status === 'PENDING' || row.status === 'SUBMITTED') transition(tx, row, 'REJECTED', { reasonCode: reason.code, reasonMessage: reason.message });
    row.activeKey = null;
    recordNotification(tx, {
      tenantId: saga.tenantId,
      learnerId: row.learnerId,
      kind: 'CERTIFICATION_NOT_ISSUED',
      title: `Certificación ${row.standardCode} no emitida`,
      body: `Tu certificación en ${row.standardCode} ${await titleOf(tx, row.standardCode)} no fue emitida: ${row.reasonMessage ?? reason.message}.`,
      certificationId: row.id,
    });
  },
};

/** Queues the submission through the outbox; the worker's outcome (via `SagaRunner.settle`) completes the step. */
const submitToProvider: SagaStep = {
  name: STEP.submitToProvider,
  async execute({ tx, saga }) {
    const row = await certificationOf(tx, saga);
    row.submissionRequestedAt = new Date();
    enqueueEvent(tx, submissionRequested(row));
    return 'WAITING';
  },
};

const updateLearnerProfile: SagaStep = {
  name: STEP.updateLearnerProfile,
  async execute({ tx, saga }) {
    const row = await certificationOf(tx, saga);
    await recordIssuedCertification(tx, { tenantId: saga.tenantId, learnerId: row.learnerId, standardCode: row.standardCode, issuedAt: row.issuedAt, curp: saga.input.curp });
    return 'DONE';
  },
};

const sendNotification: SagaStep = {
  name: STEP.sendNotification,
  async execute({ tx, saga }) {
    const row = await certificationOf(tx, saga);
    recordNotification(tx, {
      tenantId: saga.tenantId,
      learnerId: row.learnerId,
      kind: 'CERTIFICATION_ISSUED',
      title: `Certificado ${row.standardCode} emitido`,
      body: `Tu certificado de competencia ${row.standardCode} ${await titleOf(tx, row.standardCode)} fue emitido con el folio ${row.folio}.`,
      certificationId: row.id,
    });
    return 'DONE';
  },
};

/**
 * validateCompletion → generateCertificate → submitToProvider (CONOCER by default) → updateLearnerProfile
 * → sendNotification. The submission is the pivot: a provider cannot be asked to take a certificate
 * back, so failures up to it compensate and the steps after it are retried until they succeed.
 */
export const certificationSaga: SagaDefinition = {
  steps: [validateCompletion, generateCertificate, submitToProvider, updateLearnerProfile, sendNotification],
  pivot: STEP.submitToProvider,
};
