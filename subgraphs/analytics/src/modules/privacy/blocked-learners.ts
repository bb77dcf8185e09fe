import type { EntityManager } from '@mikro-orm/core';
import { AnalyticsBlockedLearnerEntity } from './analytics-blocked-learner.entity';

/**
 * This replica's view of the blocked learners, which the pipeline's enrichment and the progress
 * reads consult synchronously: loaded at start, then kept current by the cancellation events
 * (every replica receives them by fan-out).
 */
export class BlockedLearners {
  private readonly byTenant = new Map<string, Set<string>>();

  async load(em: EntityManager): Promise<void> {
    for (const row of await em.fork().find(AnalyticsBlockedLearnerEntity, {}, { fields: ['tenantId', 'learnerId'] })) this.add(row.tenantId, row.learnerId);
  }

  add(tenantId: string, learnerId: string): void {
    const learners = this.byTenant.get(tenantId) ?? new Set<string>();
    learners.add(learnerId);
    this.byTenant.set(tenantId, learners);
  }

  has = (tenantId: string, learnerId: string): boolean => this.byTenant.get(tenantId)?.has(learnerId) === true;

  /** The tenant's blocked learners, for reads that leave them out. */
  of(tenantId: string): string[] {
    return [...(this.byTenant.get(tenantId) ?? [])];
  }
}
