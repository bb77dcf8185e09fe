import type { DomainEvent } from '@academy/event-bus';
import { AppError } from '@academy/service-kit';
import type { AnalyticsContext } from '../../context';
import type { EngagementEvent } from '../ingestion';
import { type ProgressAudience, type ProgressEvent, progressAudienceOf } from '../progress';
import type { CertificationStatus } from './certification-status';
import type { CertificationUpdate } from './certification-update.type';
import {
  CERTIFICATION_UPDATED,
  certificationUpdatedPayload,
  ENGAGEMENT_RECORDED,
  engagementRecordedPayload,
  PROGRESS_RECORDED,
  parseLivePayload,
  progressRecordedPayload,
} from './live-events';

/**
 * One subscriber's view of the live feed. Tenant isolation is decided here, per event, from the
 * principal the gateway signed: only the subscriber's own tenant's events pass, and learners get
 * only their own (the same audience rule as the progress queries).
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
      if (event.type !== PROGRESS_RECORDED) return undefined;
      const payload = parseLivePayload(progressRecordedPayload, event);
      if (!payload || !this.visible(event, payload.learnerId)) return undefined;
      if ((courseId != null && payload.courseId !== courseId) || (learnerId != null && payload.learnerId !== learnerId)) return undefined;
      return { ...payload, tenantId: this.tenantId };
    });
  }

  /** One course's engagement as it is stored. */
  engagement({ courseId }: { courseId: string }): AsyncIterableIterator<EngagementEvent> {
    return this.context.live.subscribe((event) => {
      if (event.type !== ENGAGEMENT_RECORDED) return undefined;
      const payload = parseLivePayload(engagementRecordedPayload, event);
      if (!payload || !this.visible(event, payload.learnerId) || payload.courseId !== courseId) return undefined;
      return { ...payload, tenantId: this.tenantId, lineage: null };
    });
  }

  certifications({ status }: { status?: CertificationStatus | null }): AsyncIterableIterator<CertificationUpdate> {
    return this.context.live.subscribe((event) => {
      if (event.type !== CERTIFICATION_UPDATED) return undefined;
      const payload = parseLivePayload(certificationUpdatedPayload, event);
      if (!payload || !this.visible(event, payload.learnerId)) return undefined;
      if (status != null && payload.status !== status) return undefined;
      return payload;
    });
  }
}
