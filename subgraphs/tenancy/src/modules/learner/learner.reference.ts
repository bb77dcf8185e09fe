import type { TenancyContext } from '../../context';
import type { Learner } from './learner.type';

/** `_entities` resolution for `Learner`: batched, and null for an unknown learner or another tenant's. */
export const learnerReference = {
  Learner: {
    __resolveReference: async ({ id }: { id: string }, { loaders }: TenancyContext): Promise<Learner | null> =>
      (await loaders.learnerById.load(id)) ?? null,
  },
};
