/** What a learning event reports. */
export type EventKind = 'progress' | 'engagement';

/** How an event reached the pipeline. */
export type EventSource = 'api' | 'bus' | 'replay' | 'seed';

/** One step of the pipeline an event went through, in order. */
export type PipelineStep = 'buffered' | 'validated' | 'enriched' | 'routed' | 'stored';

/** Kept with every stored event: where it came from and what happened to it on the way. */
export interface EventLineage {
  source: EventSource;
  /** ISO 8601: when the pipeline received it (the first time, for replays). */
  receivedAt: string;
  steps: PipelineStep[];
  /** Where the router sent it besides storage. */
  routes: string[];
  /** The bus event it came in (source `bus`). */
  busEventId?: string;
  /** The dead letter it was replayed from (source `replay`). */
  replayOf?: string;
}
