import type { CircuitStateName } from '@academy/conocer-client';

/** The values of the `ConocerSyncHealth` enum (kept apart from the GraphQL type so the rules need no schema). */
export type HealthLevel = 'HEALTHY' | 'DEGRADED' | 'FAILING';

/** A daily sync may miss one run (a CONOCER maintenance night) before the catalog counts as stale. */
export const STALE_AFTER_MS = 48 * 3600 * 1000;

export interface HealthInputs {
  circuit: CircuitStateName;
  errorRate: number;
  lastSuccessAt: Date | null;
  lastFinishedFailed: boolean;
  /** Whether any sync has ever run; a fresh install has not failed to sync, it just has not yet. */
  anySyncRan: boolean;
  now: number;
}

/** The rubric documented on `ConocerSyncHealth`. */
export function healthOf({ circuit, errorRate, lastSuccessAt, lastFinishedFailed, anySyncRan, now }: HealthInputs): HealthLevel {
  const stale = anySyncRan && (lastSuccessAt === null || now - lastSuccessAt.getTime() > STALE_AFTER_MS);
  if (circuit === 'open' || errorRate >= 0.5 || stale) return 'FAILING';
  if (circuit === 'half-open' || errorRate >= 0.1 || lastFinishedFailed) return 'DEGRADED';
  return 'HEALTHY';
}
