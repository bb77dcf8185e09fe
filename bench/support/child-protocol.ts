/** What a starter run in a child process returns: something JSON-serialisable to report, and how to stop. */
export interface StartedService<TInfo> {
  info: TInfo;
  close(): Promise<void>;
}

export type ParentMessage =
  | { type: 'start'; module: string; export: string; options: unknown }
  | { type: 'cpu'; id: number }
  | { type: 'close' };

export type ChildMessage =
  | { type: 'started'; info: unknown }
  | { type: 'failed'; error: string }
  | { type: 'cpu'; id: number; usage: NodeJS.CpuUsage; rssBytes: number };
