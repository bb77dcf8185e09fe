/** What a starter run in a child process returns: something JSON-serialisable to report, and how to stop. */
export interface StartedService<TInfo> {
  info: TInfo;
  close(): Promise<void>;
  /** Counters the service keeps while it runs (e.g. how often a fallback decided), read between stretches. */
  counters?(): Record<string, number>;
}

export type ParentMessage =
  | { type: 'start'; module: string; export: string; options: unknown }
  | { type: 'cpu'; id: number }
  | { type: 'counters'; id: number }
  | { type: 'close' };

export type ChildMessage =
  | { type: 'started'; info: unknown }
  | { type: 'failed'; error: string }
  | { type: 'cpu'; id: number; usage: NodeJS.CpuUsage; rssBytes: number }
  | { type: 'counters'; id: number; counters: Record<string, number> };
