import { canActForLearner, isDataSubject, maskIdentifier } from '@academy/privacy';
import { AppError, type Principal } from '@academy/service-kit';
import type { EntityManager } from '@mikro-orm/core';
import { CertificationEntity } from '../certification';
import { CourseCompletionEntity } from '../completion';
import type { CurpVault } from '../curp';
import { NotificationEntity, toNotification } from '../notification';
import { isLearnerBlocked, LearnerProfileEntity } from '../profile';
import type { LearnerCertificationData } from './learner-data.type';

/**
 * conocer's section of a learner's data export: the learner themself or a tenant admin. CURPs are
 * decrypted only for the learner (it is their own data, which ARCO access entitles them to see);
 * an admin sees the mask, which is enough to tell which CURP is on file without disclosing it.
 */
export class LearnerDataService {
  constructor(
    private readonly em: EntityManager,
    private readonly principal: Principal,
    private readonly vault: CurpVault,
  ) {}

  async section(learnerId: string): Promise<LearnerCertificationData> {
    const { tenantId } = this.principal;
    if (tenantId === null) throw new AppError('TENANT_REQUIRED', 'Learners belong to a tenant');
    if (!canActForLearner(this.principal, learnerId)) throw new AppError('FORBIDDEN', 'Only the learner themself or a tenant admin may read this');
    if (await isLearnerBlocked(this.em, tenantId, learnerId)) throw new AppError('LEARNER_DATA_BLOCKED', 'The learner’s data is blocked by a cancellation request');
    const mine = { tenantId, learnerId };
    const [profile, certifications, completions, notifications] = await Promise.all([
      this.em.findOne(LearnerProfileEntity, mine),
      this.em.find(CertificationEntity, mine, { orderBy: { createdAt: 'asc' } }),
      this.em.find(CourseCompletionEntity, mine, { orderBy: { completedAt: 'asc' } }),
      this.em.find(NotificationEntity, mine, { orderBy: { createdAt: 'asc' } }),
    ]);
    const curpOf = (sealed: { ciphertext: string; keyId: string }) => {
      const curp = this.vault.open(sealed, tenantId);
      return isDataSubject(this.principal, learnerId) ? curp : maskIdentifier(curp);
    };
    return {
      candidateCurp: profile?.curpCiphertext && profile.curpKeyId ? curpOf({ ciphertext: profile.curpCiphertext, keyId: profile.curpKeyId }) : null,
      certifiedStandards: profile?.certifiedStandards ?? [],
      certifications: certifications.map((c) => ({
        id: c.id,
        standardCode: c.standardCode,
        status: c.status,
        judgment: c.judgment,
        evaluatedOn: c.evaluatedOn,
        evaluationCenterId: c.evaluationCenterId,
        curp: isDataSubject(this.principal, learnerId) ? curpOf({ ciphertext: c.curpCiphertext, keyId: c.curpKeyId }) : c.maskedCurp,
        provider: c.provider,
        folio: c.folio,
        issuedAt: c.issuedAt,
        submittedAt: c.submittedAt,
        submissionAttempts: c.submissionAttempts,
        reasonCode: c.reasonCode,
        createdAt: c.createdAt,
      })),
      completions: completions.map(({ courseId, standardCode, completedAt }) => ({ courseId, standardCode, completedAt })),
      notifications: notifications.map(toNotification),
    };
  }
}
