import type { Learner } from './learner.type';

/** `_entities` resolution for `Learner`: conocer stores nothing about a learner beyond the id; fields batch through loaders. */
export const learnerReference = {
  Learner: {
    __resolveReference: ({ id }: { id: string }): Learner => ({ id }),
  },
};
