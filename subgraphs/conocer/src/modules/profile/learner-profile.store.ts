import type { EntityManager } from '@mikro-orm/core';
import type { SealedCurp } from '../curp';
import { LearnerProfileEntity } from './learner-profile.entity';

async function profileOf(em: EntityManager, tenantId: string, learnerId: string): Promise<LearnerProfileEntity> {
  return (await em.findOne(LearnerProfileEntity, { tenantId, learnerId })) ?? em.create(LearnerProfileEntity, { tenantId, learnerId });
}

function sealInto(profile: LearnerProfileEntity, curp: SealedCurp): void {
  Object.assign(profile, { curpCiphertext: curp.ciphertext, curpKeyId: curp.keyId, curpIndex: curp.blindIndex });
}

/** The saga's updateLearnerProfile step: the standard joins the portfolio; the CURP certified becomes the one on file. */
export async function recordIssuedCertification(
  tx: EntityManager,
  fields: { tenantId: string; learnerId: string; standardCode: string; issuedAt: Date | null; curp: SealedCurp },
): Promise<void> {
  const profile = await profileOf(tx, fields.tenantId, fields.learnerId);
  sealInto(profile, fields.curp);
  if (!profile.certifiedStandards.includes(fields.standardCode)) profile.certifiedStandards = [...profile.certifiedStandards, fields.standardCode];
  profile.issuedCertifications += 1;
  profile.lastCertifiedAt = fields.issuedAt ?? new Date();
}

/** The CURP automatic certifications use for this learner. Flushes. */
export async function storeCandidateCurp(em: EntityManager, tenantId: string, learnerId: string, curp: SealedCurp): Promise<LearnerProfileEntity> {
  const profile = await profileOf(em, tenantId, learnerId);
  sealInto(profile, curp);
  await em.persistAndFlush(profile);
  return profile;
}

export async function candidateCurpOf(em: EntityManager, tenantId: string, learnerId: string): Promise<Pick<SealedCurp, 'ciphertext' | 'keyId'> | null> {
  const profile = await em.findOne(LearnerProfileEntity, { tenantId, learnerId });
  return profile?.curpCiphertext && profile.curpKeyId ? { ciphertext: profile.curpCiphertext, keyId: profile.curpKeyId } : null;
}
