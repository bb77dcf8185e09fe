/** The certification submissions waiting to reach CONOCER. */
export interface PendingSubmissions {
  count: number;
  /** When the oldest of them was requested; null when none wait. */
  oldestSince: Date | null;
}

/**
 * Reports the submission backlog (`conocerSync.pendingSubmissions`, the pending-submission gauges).
 * The certifications module supplies the real one; without it there are no submissions.
 */
export type PendingSubmissionsProvider = () => Promise<PendingSubmissions>;

export const noPendingSubmissions: PendingSubmissionsProvider = async () => ({ count: 0, oldestSince: null });
