import type { ConocerContext } from '../../context';
import type { CompetencyStandard } from './standard.type';

/** `_entities` resolution for `CompetencyStandard`: all codes of a request in one query. */
export const standardReference = {
  CompetencyStandard: {
    __resolveReference: async ({ code }: { code: string }, { loaders }: ConocerContext): Promise<CompetencyStandard | null> =>
      (await loaders.standardByCode.load(code)) ?? null,
  },
};
