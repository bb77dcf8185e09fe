import { AppError, type Logger } from '@academy/service-kit';
import type { EntityManager } from '@mikro-orm/core';
import type { CourseCompletionEntity } from '../completion';
import { candidateCurpOf } from '../profile';
import { CertificationProgramEntity } from '../program';
import { activeKeyOf, CertificationEntity } from './certification.entity';
import { requireAccreditedCenter, requireCertifiableStandard, requireValidCurp } from './certification-checks';
import { type CertificationStarterDependencies, startCertification } from './certification-starter';

/** Evaluation dates are calendar days in Mexico: a completion at 18:00 in Mexico City is that day, not the next UTC one. */
const MEXICO_CITY_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Mexico_City', year: 'numeric', month: '2-digit', day: '2-digit' });
const mexicoCityDay = (at: Date) => MEXICO_CITY_DAY.format(at);

/**
 * Starts the certification saga for a completed course when the tenant's program for its standard says
 * `autoCertify` and the learner's CURP is on file: the course's final assessment counts as the
 * evaluation (COMPETENTE, on the completion's day in Mexico City) by the program's evaluation center. Anything
 * else is logged and left for staff to submit. Idempotent: one saga per completion.
 */
export function createAutoCertifier(em: EntityManager, deps: CertificationStarterDependencies, logger: Logger) {
  return async (completion: CourseCompletionEntity): Promise<void> => {
    const { tenantId, learnerId, standardCode } = completion;
    if (!standardCode) return;
    const reads = em.fork();
    const program = await reads.findOne(CertificationProgramEntity, { tenantId, standardCode, autoCertify: true });
    if (!program) return;
    const log = logger.child({ tenantId, learnerId, standardCode, completionId: completion.id });
    const sealed = await candidateCurpOf(reads, tenantId, learnerId);
    if (!sealed) {
      log.info('course completed, but no CURP is on file for the learner: not certified automatically');
      return;
    }
    if (await reads.count(CertificationEntity, { activeKey: activeKeyOf(tenantId, learnerId, standardCode) })) return;
    try {
      const standard = await requireCertifiableStandard(reads, standardCode);
      await startCertification(deps, {
        tenantId,
        learnerId,
        curp: requireValidCurp(deps.vault.open(sealed, tenantId)),
        standardCode: standard.code,
        judgment: 'COMPETENTE',
        evaluatedOn: mexicoCityDay(completion.completedAt),
        evaluationCenterId: requireAccreditedCenter(program.evaluationCenterId, standard.code),
        completion: { source: 'RECORDED', completionId: completion.id },
        programProvider: program.provider,
        requestKey: `completion:${completion.id}`,
      });
    } catch (error) {
      // A check that fails now (a standard retired since, an accreditation withdrawn) will not pass on a retry.
      if (!(error instanceof AppError)) throw error;
      log.warn({ code: error.extensions.code, reason: error.message }, 'course completed, but its automatic certification was refused');
    }
  };
}
