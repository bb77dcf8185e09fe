import { AppError } from '@academy/service-kit';
import type { EntityManager } from '@mikro-orm/core';
import { BlockedLearnerEntity } from './blocked-learner.entity';

export async function isLearnerBlocked(em: EntityManager, tenantId: string, learnerId: string): Promise<boolean> {
  return (await em.count(BlockedLearnerEntity, { tenantId, learnerId })) > 0;
}

/** The tenant's blocked learners, for reads that leave them out. */
export async function blockedLearnerIds(em: EntityManager, tenantId: string): Promise<string[]> {
  return (await em.find(BlockedLearnerEntity, { tenantId }, { fields: ['learnerId'] })).map((row) => row.learnerId);
}

export async function requireLearnerNotBlocked(em: EntityManager, tenantId: string, learnerId: string): Promise<void> {
  if (await isLearnerBlocked(em, tenantId, learnerId)) {
    throw new AppError('LEARNER_DATA_BLOCKED', 'The learner asked for the cancellation of their data: it is no longer processed', { argument: 'learnerId' });
  }
}
