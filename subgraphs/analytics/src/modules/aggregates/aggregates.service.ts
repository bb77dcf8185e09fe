import { AppError, type Principal } from '@academy/service-kit';
import { assertMayReadLearnerProgress } from '../progress';
import type { AggregateCache } from './aggregate-cache';
import { type AggregateRepository, isFresh } from './aggregate.repository';
import { SETTLE_MS } from './aggregate-job';
import type { AnalyticsPeriod, CourseAnalytics, TenantAnalytics } from './analytics-period.type';
import { checkRange } from './analytics-range';
import type { FiguresScope, PeriodFigures } from './figures';
import type { LearnerProgressRepository } from './learner-progress.repository';
import type { LearnerProgress } from './learner-progress.type';
import { type Granularity, nextPeriod, periodStart, periodsBetween } from './period';

export interface AnalyticsRange {
  from: Date;
  to: Date;
}

const toPeriod = (figures: PeriodFigures, granularity: Granularity, now: Date): AnalyticsPeriod => {
  const start = new Date(figures.start);
  const end = nextPeriod(start, granularity);
  return {
    start,
    end,
    partial: end > now,
    events: figures.events,
    activeLearners: figures.activeLearners,
    progressEvents: figures.progressEvents,
    completions: figures.completions,
    averageProgress: figures.progressEvents > 0 ? figures.percentSum / figures.progressEvents : null,
    engagementEvents: figures.engagementEvents,
    engagementMinutes: figures.engagementSeconds / 60,
    engagementByActivity: figures.activities.map((a) => ({ activity: a.activity as AnalyticsPeriod['engagementByActivity'][number]['activity'], events: a.events, minutes: a.seconds / 60 })),
  };
};

/**
 * Course and tenant analytics, always of the caller's tenant. Settled periods (ended more than
 * SETTLE_MS ago) come from the aggregate tables when fresh, else from the raw events, and are cached
 * together; the current period and one that just ended are always read from the raw events, so
 * today's figures are never older than the request.
 */
export class AggregatesService {
  constructor(
    private readonly repository: AggregateRepository,
    private readonly learners: LearnerProgressRepository,
    private readonly cache: AggregateCache,
    private readonly principal: Principal,
    /** Learners whose data is blocked by a cancellation: their progress is hidden. */
    private readonly blocked: { has(tenantId: string, learnerId: string): boolean },
  ) {}

  async courseAnalytics(courseId: string, range: AnalyticsRange, granularity: Granularity): Promise<CourseAnalytics> {
    return { courseId, granularity, periods: await this.periods({ tenantId: this.tenantId(), courseId }, range, granularity) };
  }

  async tenantAnalytics(range: AnalyticsRange, granularity: Granularity): Promise<TenantAnalytics> {
    return { granularity, periods: await this.periods({ tenantId: this.tenantId(), courseId: null }, range, granularity) };
  }

  /** Learners may read only their own progress; the tenant-wide roles anyone's in the tenant. A blocked learner has none to show. */
  async learnerProgress(learnerId: string): Promise<LearnerProgress> {
    const tenantId = this.tenantId();
    assertMayReadLearnerProgress(this.principal, learnerId);
    if (this.blocked.has(tenantId, learnerId)) return { learnerId, courses: [] };
    return { learnerId, courses: await this.learners.courses(tenantId, learnerId) };
  }

  private tenantId(): string {
    const { tenantId } = this.principal;
    if (tenantId === null) throw new AppError('TENANT_REQUIRED', 'Analytics are per tenant; name a tenant');
    return tenantId;
  }

  private async periods(scope: FiguresScope, range: AnalyticsRange, granularity: Granularity): Promise<AnalyticsPeriod[]> {
    checkRange(range, granularity);
    const now = new Date();
    const last = nextPeriod(periodStart(now, granularity), granularity);
    const starts = periodsBetween(range.from, range.to < last ? range.to : last, granularity);
    const settledBefore = now.getTime() - SETTLE_MS;
    const settled = starts.filter((start) => nextPeriod(start, granularity).getTime() <= settledBefore);
    const open = starts.slice(settled.length);
    // A copy: concurrent requests share one cache load, and its array.
    const figures = settled.length ? [...(await this.cache.get(scope, granularity, settled[0]!, nextPeriod(settled.at(-1)!, granularity), () => this.settled(scope, granularity, settled)))] : [];
    for (const start of open) figures.push(await this.repository.live(scope, start, nextPeriod(start, granularity)));
    return figures.map((f) => toPeriod(f, granularity, now));
  }

  /** Fresh periods from the aggregate tables, the others from the raw events. */
  private async settled(scope: FiguresScope, granularity: Granularity, starts: Date[]): Promise<PeriodFigures[]> {
    const ledger = await this.repository.ledger(granularity, starts[0]!, nextPeriod(starts.at(-1)!, granularity));
    const fresh = starts.filter((start) => isFresh(ledger.get(start.toISOString())));
    const byStart = new Map((await this.repository.stored(scope, granularity, fresh)).map((f) => [f.start, f]));
    const figures: PeriodFigures[] = [];
    for (const start of starts) figures.push(byStart.get(start.toISOString()) ?? (await this.repository.live(scope, start, nextPeriod(start, granularity))));
    return figures;
  }
}
