import type { AnalyticsContext } from '../../context';
import type { ProgressEvent } from './progress-event.type';

/** `_entities` resolution for `ProgressEvent`: batched, and null for another tenant's event. */
export const progressEventReference = {
  ProgressEvent: {
    __resolveReference: async ({ id }: { id: string }, { loaders }: AnalyticsContext): Promise<ProgressEvent | null> =>
      (await loaders.progressEventById.load(id)) ?? null,
  },
};
