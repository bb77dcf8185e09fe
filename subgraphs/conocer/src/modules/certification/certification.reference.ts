import type { ConocerContext } from '../../context';
import type { Certification } from './certification.type';

/** `_entities` resolution for `Certification`: a request's ids in one query, scoped to the caller. */
export const certificationReference = {
  Certification: {
    __resolveReference: async ({ id }: { id: string }, { loaders }: ConocerContext): Promise<Certification | null> => (await loaders.certificationById.load(id)) ?? null,
  },
};
