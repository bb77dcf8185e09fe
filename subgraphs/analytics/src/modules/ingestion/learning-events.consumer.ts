import type { DomainEvent, EventHandler } from '@academy/event-bus';
import type { EventKind } from '../events';
import type { EventIngestor, IngestItem } from '../pipeline';

/** Published by other services (a course player, an LMS bridge) for the pipeline to ingest. */
export const PROGRESS_REPORTED = 'progress.reported';
export const ENGAGEMENT_REPORTED = 'engagement.reported';
export const LEARNING_EVENT_TYPES = [PROGRESS_REPORTED, ENGAGEMENT_REPORTED];

/** The durable queue the pipeline ingests domain events from. */
export const INGESTION_CONSUMER_GROUP = 'analytics.ingestion';

const kindOf = (type: string): EventKind => (type === ENGAGEMENT_REPORTED ? 'engagement' : 'progress');

/**
 * The pipeline items of one bus event: its payload is one event's fields or `{ events: [...] }`. An
 * item without a `clientEventId` gets one from the bus event's id and its position, so a redelivery
 * (the bus delivers at least once) is recognised as a duplicate.
 */
export function itemsOf(event: DomainEvent, receivedAt = new Date()): IngestItem[] {
  const { payload } = event;
  const batch = typeof payload === 'object' && payload !== null && Array.isArray((payload as { events?: unknown }).events);
  // However many: the ingestion buffer cuts them into batches.
  const list: unknown[] = batch ? (payload as { events: unknown[] }).events : [payload];
  const item = (data: unknown, index: number): IngestItem => {
    const withId =
      typeof data === 'object' && data !== null && !Array.isArray(data) && (data as { clientEventId?: unknown }).clientEventId == null
        ? { ...data, clientEventId: `bus:${event.id}:${index}` }
        : data;
    return { kind: kindOf(event.type), source: 'bus', tenantId: event.tenantId, tenantVerified: false, data: withId, receivedAt, busEventId: event.id };
  };
  return list.map(item);
}

/**
 * `progress.reported` / `engagement.reported` → the pipeline. Bad events end as dead letters in the
 * pipeline's store and the delivery is acknowledged; a storage failure throws, so the bus retries the
 * delivery (duplicates are then recognised by their client event ids).
 */
export function learningEventsHandler(pipeline: EventIngestor): EventHandler {
  return async (event) => {
    await pipeline.ingest(itemsOf(event));
  };
}
