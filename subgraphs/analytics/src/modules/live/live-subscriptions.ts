import type { DomainEvent } from '@academy/event-bus';
import { AppError } from '@academy/service-kit';
import type { AnalyticsContext } from '../../context';
import type { EngagementEvent } from '../ingestion';
import { type ProgressAudience, type ProgressEvent, progressAudienceOf } from '../progress';
import type { CertificationStatus } from './certification-status';
import type { CertificationUpdate } from './certification-update.type';
import { liveCertificationOf, liveEngagementOf, liveProgressOf } from './live-values';

/**
 * One subscriber's view of the live feed. Tenant isolation is decided here, per event, from the
 * principal the gateway signed: only the subscriber's own tenant's events pass, and learners get
 * only their own (the same audience rule as the progress queries). The filters run per subscriber; the
 * parsing and the delivered value are made once per event (`live-values.ts`).
 */
export class LiveSubscriptions {
  private readonly tenantId: string;
  private readonly audience: ProgressAudience;

  constructor(private readonly context: AnalyticsContext) {
    const { tenantId } = context.principal;
    if (tenantId === null) throw new AppError('TENANT_REQUIRED', 'Subscriptions stream one tenant’s events; name a tenant');
    this.tenantId = tenantId;
    this.audience = progressAudienceOf(context.principal);
  }

  private visible(event: DomainEvent, learnerId: string): boolean {
    if (event.tenantId !== this.tenantId) return false;
    return this.audience.kind === 'tenant' || (this.audience.learnerId !== null && this.audience.learnerId === learnerId);
  }

  progress({ courseId, learnerId }: { courseId?: string | null; learnerId?: string | null }): AsyncIterableIterator<ProgressEvent> {
    return this.context.live.subscribe((event) => {
      const progress = liveProgressOf(event);
      if (!progress || !this.visible(event, progress.learnerId)) return undefined;
      if ((courseId != null && progress.courseId !== courseId) || (learnerId != null && progress.learnerId !== learnerId)) return undefined;
      return progress;
    });
  }

  /** One course's engagement as it is stored. */
  engagement({ courseId }: { courseId: string }): AsyncIterableIterator<EngagementEvent> {
    return this.context.live.subscribe((event) => {
      const engagement = liveEngagementOf(event);
      if (!engagement || !this.visible(event, engagement.learnerId) || engagement.courseId !== courseId) return undefined;
      return engagement;
    });
  }

  certifications({ status }: { status?: CertificationStatus | null }): AsyncIterableIterator<CertificationUpdate> {
    return this.context.live.subscribe((event) => {
      const update = liveCertificationOf(event);
      if (!update || !this.visible(event, update.learnerId)) return undefined;
      if (status != null && update.status !== status) return undefined;
      return update;
    });
  }
}
