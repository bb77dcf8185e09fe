import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/core';
import { CertificationEntity } from '../certification';
import { CourseCompletionEntity } from '../completion';
import { NotificationEntity } from '../notification';
import { LearnerProfileEntity } from '../profile';
import { SagaEntity } from '../saga';

/**
 * Erases one learner from conocer, in the caller's transaction. Issued certifications must outlive
 * the request (the folio is a public record that CONOCER also keeps, and third parties verify it), so
 * they are irreversibly anonymised: the learner id becomes a random one, the CURP (ciphertext, blind
 * index, mask) and the signed credential go. Everything else about the learner is deleted.
 */
export async function eraseLearner(em: EntityManager, tenantId: string, learnerId: string): Promise<Record<string, number>> {
  const mine = { tenantId, learnerId };
  const certifications = await em.find(CertificationEntity, mine, { fields: ['id', 'status', 'sagaId'] });
  const sagas = await em.nativeDelete(SagaEntity, { tenantId, $or: [{ id: { $in: certifications.map((c) => c.sagaId) } }, { input: { learnerId } }] });
  const issued = certifications.filter((c) => c.status === 'ISSUED').map((c) => c.id);
  for (const id of issued) {
    await em.nativeUpdate(
      CertificationEntity,
      { id },
      { learnerId: `erased-${randomUUID()}`, curpCiphertext: '', curpKeyId: '', curpIndex: '', maskedCurp: '', credential: null, activeKey: null, lastSubmissionError: null },
    );
  }
  return {
    sagas,
    certificationsDeleted: await em.nativeDelete(CertificationEntity, { ...mine, id: { $nin: issued } }),
    certificationsAnonymised: issued.length,
    profile: await em.nativeDelete(LearnerProfileEntity, mine),
    notifications: await em.nativeDelete(NotificationEntity, mine),
    completions: await em.nativeDelete(CourseCompletionEntity, mine),
  };
}
