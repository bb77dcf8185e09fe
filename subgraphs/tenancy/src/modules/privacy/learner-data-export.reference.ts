import type { TenancyContext } from '../../context';
import type { LearnerDataExport } from './learner-data-export.type';

/** `_entities` for `LearnerDataExport`: the same checks and content as the `learnerDataExport` query. */
export const learnerDataExportReference = {
  LearnerDataExport: {
    __resolveReference: ({ learnerId }: { learnerId: string }, { privacy }: TenancyContext): Promise<LearnerDataExport> => privacy.export(learnerId),
  },
};
