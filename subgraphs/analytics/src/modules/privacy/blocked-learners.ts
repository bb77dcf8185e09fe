import type { EntityManager } from '@mikro-orm/core';
import { AnalyticsBlockedLearnerEntity } from './analytics-blocked-learner.entity';

/**
 * This replica's view of the blocked learners, and of those among them whose data was deleted,
 * which the pipeline's enrichment and the progress reads consult synchronously: loaded at start,
 * then kept current by the cancellation events (every replica receives them by fan-out).
 */
export class BlockedLearners {
  private readonly byTenant = new Map<string, Set<string>>();
  private readonly deletedKeys = new Set<string>();

  async load(em: EntityManager): Promise<void> {
    for (const row of await em.fork().find(AnalyticsBlockedLearnerEntity, {}, { fields: ['tenantId', 'learnerId', 'deletedAt'] })) {
      this.add(row.tenantId, row.learnerId, row.deletedAt !== null);
    }
  }

  add(tenantId: string, learnerId: string, deleted = false): void {
    const learners = this.byTenant.get(tenantId) ?? new Set<string>();
    learners.add(learnerId);
    this.byTenant.set(tenantId, learners);
    if (deleted) this.deletedKeys.add(`${tenantId}\u0000${learnerId}`);
  }

  has = (tenantId: string, learnerId: string): boolean => this.byTenant.get(tenantId)?.has(learnerId) === true;

  /** Deleted (not only blocked): nothing about them may be kept, not even a refused event. */
  deleted = (tenantId: string, learnerId: string): boolean => this.deletedKeys.has(`${tenantId}\u0000${learnerId}`);

  /** The tenant's blocked learners, for reads that leave them out. */
  of(tenantId: string): string[] {
    return [...(this.byTenant.get(tenantId) ?? [])];
  }
}
