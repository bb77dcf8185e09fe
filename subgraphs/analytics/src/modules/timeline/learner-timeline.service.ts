import { AppError, type Principal } from '@academy/service-kit';
import { checkPageSize } from '@academy/subgraph-kit';
import { assertMayReadLearnerProgress } from '../progress';
import type { LearnerTimelineRepository } from './learner-timeline.repository';
import type { LearnerTimelineEntry } from './learner-timeline.type';

/** Timeline entry ids are UUIDs (events and milestones alike); anything else could not be one. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * A page of `first` entries, without splitting the entries of one instant across pages: when the
 * entry after the page happened at the same instant as the page's last, that instant's entries move
 * to the next page (asked for with `before` = the last entry's `occurredAt`, which excludes that
 * instant). Only when more than `first` entries share one instant is the page cut inside it.
 */
export function pageOf(entries: readonly LearnerTimelineEntry[], first: number): LearnerTimelineEntry[] {
  const page = entries.slice(0, first);
  const next = entries[first];
  if (!next) return page;
  const instant = next.occurredAt.getTime();
  const whole = page.filter((entry) => entry.occurredAt.getTime() !== instant);
  return whole.length > 0 ? whole : page;
}

/**
 * A learner's timeline: progress, engagement and certification milestones, newest first. Who may read
 * it is what `learnerProgress` allows (a learner only their own, the tenant-wide roles anyone in their
 * tenant); a blocked learner's timeline is hidden, like the rest of their progress.
 */
export class LearnerTimelineService {
  constructor(
    private readonly repository: LearnerTimelineRepository,
    private readonly principal: Principal,
    private readonly blocked: { has(tenantId: string, learnerId: string): boolean },
  ) {}

  /**
   * With `beforeId` (the last entry's id, beside its `occurredAt` as `before`) the page continues exactly
   * after that entry, so pages hold `first` entries and never skip one, however many share an instant.
   */
  async timeline(learnerId: string, first: number, before: Date | null, beforeId: string | null = null): Promise<LearnerTimelineEntry[]> {
    const limit = checkPageSize(first);
    if (beforeId !== null && before === null) throw new AppError('BAD_USER_INPUT', '`beforeId` continues from an entry: pass its `occurredAt` as `before` too', { argument: 'beforeId' });
    if (beforeId !== null && !UUID.test(beforeId)) throw new AppError('BAD_USER_INPUT', '`beforeId` must be the id of a timeline entry', { argument: 'beforeId' });
    const { tenantId } = this.principal;
    if (tenantId === null) throw new AppError('TENANT_REQUIRED', 'Analytics are per tenant; name a tenant');
    assertMayReadLearnerProgress(this.principal, learnerId);
    if (this.blocked.has(tenantId, learnerId)) return [];
    if (beforeId !== null) return this.repository.newest(tenantId, learnerId, limit, before, beforeId);
    // One more than the page, to see whether the page ends inside an instant.
    return pageOf(await this.repository.newest(tenantId, learnerId, limit + 1, before), limit);
  }
}
