import type { EventKind, EventLineage, EventSource } from '../events';

/** An event as it enters the pipeline, before anything was checked. */
export interface IngestItem {
  kind: EventKind;
  source: EventSource;
  /** The tenant it is for: the caller's (API), the bus event's (bus), the dead letter's (replay). */
  tenantId: string | null;
  /** The gateway resolved this tenant for the request, so it exists; bus events are checked against the known tenants. */
  tenantVerified: boolean;
  /** The event's fields as sent: validation decides what they are. */
  data: unknown;
  receivedAt: Date;
  /** The bus event it came in. */
  busEventId?: string;
  /** The dead letter being replayed: a renewed failure updates it instead of adding another. */
  replayOf?: string;
}

/** An event that passed validation (and, once `enriched`, enrichment). */
export interface PipelineEvent {
  id: string;
  tenantId: string;
  kind: EventKind;
  learnerId: string;
  courseId: string;
  standardCode: string | null;
  percent: number | null;
  activity: string | null;
  durationSeconds: number | null;
  clientEventId: string | null;
  occurredAt: Date;
  receivedAt: Date;
  source: EventSource;
  lineage: EventLineage;
}

export type IngestResult =
  | { status: 'stored'; event: PipelineEvent }
  /** The tenant already sent this client event id: nothing stored; `eventId` is the stored event's. */
  | { status: 'duplicate'; eventId: string; occurredAt: Date }
  /** `deadLetterId` is absent when the event was discarded: it was about a deleted learner. */
  | { status: 'rejected'; reasons: string[]; deadLetterId?: string };

/** The pipeline's entry, as request services see it. */
export interface EventIngestor {
  ingest(items: readonly IngestItem[]): Promise<IngestResult[]>;
}
