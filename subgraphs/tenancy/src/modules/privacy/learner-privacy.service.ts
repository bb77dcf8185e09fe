import { randomUUID } from 'node:crypto';
import { canActForLearner, isDataSubject, isTenantDataController } from '@academy/privacy';
import { AppError, type Principal } from '@academy/service-kit';
import type { EntityManager } from '@mikro-orm/core';
import { LearnerCancellationEntity, LearnerEntity, MAX_LEARNER_ID_LENGTH } from '../learner';
import { CancellationState, type LearnerCancellation, type LearnerDataExport } from './learner-data-export.type';

export function toCancellation(row: LearnerCancellationEntity): LearnerCancellation {
  const { id, learnerId, requestedBy, requestedAt, deleteAfter, deletedAt, deletedBy } = row;
  return { id, learnerId, state: CancellationState[row.state], requestedBy, requestedAt, deleteAfter, deletedAt, deletedBy };
}

/** Decides the deletion step in `em`'s transaction: tenancy's own rows go now, the event follows through the relay. */
export async function decideDeletion(em: EntityManager, row: LearnerCancellationEntity, actor: string, now = new Date()): Promise<void> {
  Object.assign(row, { state: 'DELETED', deletedBy: actor, deletedAt: now, deletedEventId: randomUUID(), deletedPublishedAt: null });
  await em.nativeDelete(LearnerEntity, { tenantId: row.tenantId, id: row.learnerId });
}

/**
 * ARCO access and cancellation for one learner of the caller's tenant: the learner themself or a
 * tenant admin. Another tenant's learner is out of reach by construction (everything is keyed by the
 * request's tenant), so it behaves like a learner tenancy never heard of.
 */
export class LearnerPrivacyService {
  constructor(
    private readonly em: EntityManager,
    private readonly principal: Principal,
    private readonly blockingPeriodMs: number,
    /** Wakes the relay after a step was decided. */
    private readonly stepDecided: () => void,
  ) {}

  async export(learnerId: string): Promise<LearnerDataExport> {
    const tenantId = this.authorize(learnerId);
    const cancellation = await this.em.findOne(LearnerCancellationEntity, { tenantId, learnerId });
    if (cancellation) throw blocked(cancellation);
    const learner = await this.em.findOne(LearnerEntity, { tenantId, id: learnerId });
    return {
      learnerId,
      generatedAt: new Date(),
      profile: learner && { id: learner.id, displayName: learner.displayName, email: learner.email, createdAt: learner.createdAt },
    };
  }

  async cancellation(learnerId: string): Promise<LearnerCancellation | null> {
    const tenantId = this.authorize(learnerId);
    const row = await this.em.findOne(LearnerCancellationEntity, { tenantId, learnerId });
    return row && toCancellation(row);
  }

  /** Step 1, blocking. Asking again while a request stands returns it unchanged. */
  async request(learnerId: string): Promise<LearnerCancellation> {
    const tenantId = this.authorize(learnerId);
    const existing = await this.em.findOne(LearnerCancellationEntity, { tenantId, learnerId });
    if (existing) return toCancellation(existing);
    // An admin cancels a registered learner; the learner themself may cancel whatever is held under their id.
    if (!isDataSubject(this.principal, learnerId) && !(await this.em.count(LearnerEntity, { tenantId, id: learnerId }))) {
      throw new AppError('NOT_FOUND', 'No learner with this id in the tenant');
    }
    const now = new Date();
    const row = this.em.create(LearnerCancellationEntity, {
      tenantId,
      learnerId,
      id: randomUUID(),
      state: 'BLOCKED',
      requestedBy: this.principal.subject ?? 'anonymous',
      requestedAt: now,
      deleteAfter: new Date(now.getTime() + this.blockingPeriodMs),
      blockedEventId: randomUUID(),
    });
    await this.em.transactional(async (tx) => {
      tx.persist(row);
      await tx.nativeUpdate(LearnerEntity, { tenantId, id: learnerId }, { blockedAt: now });
    });
    this.stepDecided();
    return toCancellation(row);
  }

  /** Step 2 before the blocking period ends: tenant admins only. */
  async confirm(learnerId: string): Promise<LearnerCancellation> {
    const tenantId = this.authorize(learnerId);
    if (!isTenantDataController(this.principal)) throw new AppError('FORBIDDEN', 'Only a tenant admin confirms a deletion before the blocking period ends', { requiredRoles: ['tenant_admin'] });
    const row = await this.em.findOne(LearnerCancellationEntity, { tenantId, learnerId });
    if (!row) throw new AppError('NOT_FOUND', 'No cancellation was requested for this learner');
    if (row.state === 'BLOCKED') {
      await this.em.transactional(async (tx) => decideDeletion(tx, tx.merge(row), this.principal.subject ?? 'anonymous'));
      this.stepDecided();
    }
    return toCancellation(row);
  }

  private authorize(learnerId: string): string {
    const { tenantId } = this.principal;
    if (tenantId === null) throw new AppError('TENANT_REQUIRED', 'Learners belong to a tenant: send X-Tenant-Id, use the tenant subdomain or /t/<slug>/graphql');
    if (learnerId.trim() === '' || learnerId.length > MAX_LEARNER_ID_LENGTH) {
      throw new AppError('BAD_USER_INPUT', `learnerId must be 1 to ${MAX_LEARNER_ID_LENGTH} characters`, { field: 'learnerId' });
    }
    if (!canActForLearner(this.principal, learnerId)) throw new AppError('FORBIDDEN', 'Only the learner themself or a tenant admin may do this', { requiredRoles: ['tenant_admin'] });
    return tenantId;
  }
}

function blocked(row: LearnerCancellationEntity): AppError {
  return new AppError('LEARNER_DATA_BLOCKED', row.state === 'DELETED' ? 'The learner’s data was deleted at their request' : 'The learner’s data is blocked by a cancellation request', {
    cancellationState: row.state,
  });
}
