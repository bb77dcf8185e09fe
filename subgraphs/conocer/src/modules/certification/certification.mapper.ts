import type { SagaEntity } from '../saga';
import type { CertificationEntity } from './certification.entity';
import type { Certification, CertificationSaga, CertificationStatus, Judgment, SagaStatus, SagaStepStatus } from './certification.type';

export function toCertification(row: CertificationEntity): Certification {
  return {
    id: row.id,
    learnerId: row.learnerId,
    standardCode: row.standardCode,
    judgment: row.judgment as Judgment,
    evaluatedOn: row.evaluatedOn,
    evaluationCenterId: row.evaluationCenterId,
    maskedCurp: row.maskedCurp,
    status: row.status as CertificationStatus,
    provider: row.provider,
    folio: row.folio,
    issuedAt: row.issuedAt,
    reason: row.reasonCode ? { code: row.reasonCode, message: row.reasonMessage ?? '' } : null,
    credential: row.credential,
    submissionAttempts: row.submissionAttempts,
    lastSubmissionError: row.lastSubmissionError,
    deadLetteredAt: row.deadLetteredAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    sagaId: row.sagaId,
  };
}

export function toCertificationSaga(saga: SagaEntity): CertificationSaga {
  return {
    id: saga.id,
    status: saga.status as SagaStatus,
    steps: saga.steps.map((step) => ({ name: step.name, status: step.status as SagaStepStatus, at: step.at ? new Date(step.at) : null, detail: step.detail })),
    failure: saga.failure ? { code: saga.failure.code, message: saga.failure.message } : null,
  };
}
