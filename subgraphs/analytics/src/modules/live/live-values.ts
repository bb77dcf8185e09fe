import type { DomainEvent } from '@academy/event-bus';
import type { EngagementEvent } from '../ingestion';
import type { ProgressEvent } from '../progress';
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
 * `derive` (the zod parse and the value built from it) once per event object: the live feed hands every
 * subscriber the same event, so the first subscriber's work serves the rest, and the entry goes with the
 * event. The value is a function of the event alone, so every subscriber the filters let through gets
 * the same object; the subscription server relies on that identity to execute an event once per group
 * of equivalent subscribers. Frozen (shallowly), since it is shared.
 */
function perEvent<T extends object>(derive: (event: DomainEvent) => T | null): (event: DomainEvent) => Readonly<T> | null {
  const values = new WeakMap<DomainEvent, Readonly<T> | null>();
  return (event) => {
    if (values.has(event)) return values.get(event)!;
    const derived = derive(event);
    const value = derived && Object.freeze(derived);
    values.set(event, value);
    return value;
  };
}

/** A progress event as streamed; its tenant is the event's, the only one a subscriber that receives it can have. */
export const liveProgressOf = perEvent<ProgressEvent>((event) => {
  if (event.type !== PROGRESS_RECORDED || event.tenantId === null) return null;
  const payload = parseLivePayload(progressRecordedPayload, event);
  return payload && { ...payload, tenantId: event.tenantId };
});

/** An engagement event as streamed (no lineage: it is not read back from storage). */
export const liveEngagementOf = perEvent<EngagementEvent>((event) => {
  if (event.type !== ENGAGEMENT_RECORDED || event.tenantId === null) return null;
  const payload = parseLivePayload(engagementRecordedPayload, event);
  return payload && { ...payload, tenantId: event.tenantId, lineage: null };
});

export const liveCertificationOf = perEvent<CertificationUpdate>((event) => {
  if (event.type !== CERTIFICATION_UPDATED || event.tenantId === null) return null;
  return parseLivePayload(certificationUpdatedPayload, event);
});
