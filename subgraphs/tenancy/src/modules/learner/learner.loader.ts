import DataLoader from 'dataloader';
import type { LearnerService } from './learner.service';
import type { Learner } from './learner.type';

export interface LearnerLoaders {
  /**
   * Keyed by learner id alone: the loader lives for one request, whose service reads one tenant's
   * learners only, so the tenant is the same for every key.
   */
  learnerById: DataLoader<string, Learner | undefined>;
}

/** Per request: the learners of a page of progress events (`_entities`) cost one query. */
export function createLearnerLoaders(learners: LearnerService): LearnerLoaders {
  return { learnerById: new DataLoader((ids) => learners.byIds(ids)) };
}
