import DataLoader from 'dataloader';
import { checkRecentCount, type ProgressService } from './progress.service';
import type { ProgressEvent } from './progress-event.type';
import type { ProgressSummary } from './progress-summary.type';

export interface ProgressLoaders {
  progressEventById: DataLoader<string, ProgressEvent | undefined>;
  progressSummaryByTenant: DataLoader<string, ProgressSummary>;
  /** One loader per page size, so `recentProgress(first: 3)` and `(first: 10)` in one request each batch. */
  recentProgressByTenant(first: number): DataLoader<string, ProgressEvent[]>;
}

/**
 * Built per request from the request's service, so batching never mixes callers and every batch
 * runs on the request's tenant-scoped EntityManager (and the service's learner rule). Keys are
 * tenant ids (event ids for events).
 */
export function createProgressLoaders(progress: ProgressService): ProgressLoaders {
  const recent = new Map<number, DataLoader<string, ProgressEvent[]>>();
  return {
    progressEventById: new DataLoader((ids) => progress.byIds(ids)),
    progressSummaryByTenant: new DataLoader((tenantIds) => progress.summaries(tenantIds)),
    recentProgressByTenant(first) {
      checkRecentCount(first);
      let loader = recent.get(first);
      if (!loader) {
        loader = new DataLoader((tenantIds) => progress.recent(tenantIds, first));
        recent.set(first, loader);
      }
      return loader;
    },
  };
}
