import { randomUUID } from 'node:crypto';
import { AppError, isErrorCode, type Principal } from '@academy/service-kit';
import type { EntityManager } from '@mikro-orm/core';
import { CourseCompletionEntity } from '../completion';
import { requireLearnerNotBlocked, storeCandidateCurp } from '../profile';
import { CertificationProgramEntity } from '../program';
import { type CompletionEvidence, SagaEntity } from '../saga';
import { canSubmitCertifications, certificationAudienceOf } from './certification.audience';
import { activeKeyOf, CertificationEntity } from './certification.entity';
import type { SubmitCertificationInput } from './certification.input';
import { toCertification } from './certification.mapper';
import type { Certification } from './certification.type';
import { requireAccreditedCenter, requireCertifiableStandard, requireEvaluationDate, requireValidCurp } from './certification-checks';
import { type CertificationStarterDependencies, startCertification } from './certification-starter';

export interface CandidateProfile {
  learnerId: string;
  maskedCurp: string;
}

/** Starting certifications on request, and the candidate data they need. */
export class CertificationSubmissionService {
  constructor(
    private readonly em: EntityManager,
    private readonly principal: Principal,
    private readonly deps: CertificationStarterDependencies,
  ) {}

  private tenantId(): string {
    if (this.principal.tenantId === null) throw new AppError('TENANT_REQUIRED', 'Certifications belong to a tenant: send X-Tenant-Id, use the tenant subdomain or /t/<slug>/graphql');
    return this.principal.tenantId;
  }

  /**
   * Every check first (CURP, standard, ECE accreditation, date, completion, no live certification),
   * so a refused request writes nothing; then the saga runs up to the submission and the certification
   * is returned PENDING (or already further along with a synchronous provider).
   */
  async submit(input: SubmitCertificationInput): Promise<Certification> {
    const tenantId = this.tenantId();
    if (!canSubmitCertifications(this.principal)) {
      throw new AppError('FORBIDDEN', 'Certifications are submitted by tenant staff, evaluators or partner keys with certifications:write');
    }
    const curp = requireValidCurp(input.curp);
    const standard = await requireCertifiableStandard(this.em, input.standardCode);
    const evaluationCenterId = requireAccreditedCenter(input.evaluationCenterId, standard.code);
    const evaluatedOn = requireEvaluationDate(input.evaluatedOn);
    const learnerId = input.learnerId.trim();
    const requestKey = input.clientRequestId ? `request:${tenantId}:${input.clientRequestId}` : `request:${tenantId}:${randomUUID()}`;
    const earlier = input.clientRequestId ? await this.em.findOne(SagaEntity, { requestKey }) : null;
    if (earlier) return this.resultOf(earlier.id);
    await requireLearnerNotBlocked(this.em, tenantId, learnerId);
    const completion = await this.completionEvidence(tenantId, learnerId, standard.code, input.assertCompletion);
    const live = await this.em.findOne(CertificationEntity, { activeKey: activeKeyOf(tenantId, learnerId, standard.code) });
    if (live) {
      throw new AppError('CERTIFICATION_ALREADY_EXISTS', `Learner ${learnerId} already has a ${live.status} certification for ${standard.code}`, { certificationId: live.id });
    }
    const program = await this.em.findOne(CertificationProgramEntity, { tenantId, standardCode: standard.code });
    const { sagaId } = await startCertification(this.deps, {
      tenantId,
      learnerId,
      curp,
      standardCode: standard.code,
      judgment: input.judgment,
      evaluatedOn,
      evaluationCenterId,
      completion,
      programProvider: program?.provider ?? null,
      requestKey,
    });
    return this.resultOf(sagaId);
  }

  /** The CURP automatic certifications use: learners set their own, staff any learner's of the tenant. */
  async setCandidateCurp(learnerIdInput: string | null | undefined, curpInput: string): Promise<CandidateProfile> {
    const tenantId = this.tenantId();
    const audience = certificationAudienceOf(this.principal);
    const learnerId = (learnerIdInput ?? this.principal.subject ?? '').trim();
    if (learnerId === '' || learnerId.length > 100) throw new AppError('BAD_USER_INPUT', 'learnerId is required (1–100 characters)', { argument: 'learnerId' });
    if (audience.kind === 'learner' && audience.learnerId !== learnerId) throw new AppError('FORBIDDEN', 'Learners set only their own CURP', { argument: 'learnerId' });
    await requireLearnerNotBlocked(this.em, tenantId, learnerId);
    const sealed = this.deps.vault.seal(requireValidCurp(curpInput, 'curp'), tenantId);
    await storeCandidateCurp(this.em, tenantId, learnerId, sealed);
    return { learnerId, maskedCurp: sealed.masked };
  }

  /** A recorded completion of a course mapped to the standard, or (staff only) the caller's assertion. */
  private async completionEvidence(tenantId: string, learnerId: string, standardCode: string, assert: boolean): Promise<CompletionEvidence> {
    if (assert) return { source: 'ASSERTED', assertedBy: `${this.principal.authMethod}:${this.principal.subject ?? 'unknown'}` };
    const completion = await this.em.findOne(CourseCompletionEntity, { tenantId, learnerId, standardCode }, { orderBy: { completedAt: 'desc' } });
    if (!completion) {
      throw new AppError('COURSE_NOT_COMPLETED', `No completed course for ${standardCode} is on record for learner ${learnerId}; staff may set assertCompletion`, {
        standardCode,
      });
    }
    return { source: 'RECORDED', completionId: completion.id };
  }

  /** What the saga produced: its certification, or the error that stopped it before there was one. */
  private async resultOf(sagaId: string): Promise<Certification> {
    const em = this.em.fork();
    const saga = await em.findOneOrFail(SagaEntity, { id: sagaId });
    const row = saga.certificationId ? await em.findOne(CertificationEntity, { id: saga.certificationId }) : null;
    if (row) return toCertification(row);
    const failure = saga.failure;
    if (failure && isErrorCode(failure.code)) throw new AppError(failure.code, failure.message);
    throw new Error(`saga ${saga.id} ended ${saga.status} without a certification${failure ? `: ${failure.code} ${failure.message}` : ''}`);
  }
}
