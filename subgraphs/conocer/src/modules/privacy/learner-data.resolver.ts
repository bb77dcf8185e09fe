import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { ConocerContext } from '../../context';
import { LearnerCertificationData, LearnerDataExport } from './learner-data.type';

@Resolver(() => LearnerDataExport)
export class LearnerDataResolver {
  @FieldResolver(() => LearnerCertificationData, { description: 'conocer’s section: certifications with their submissions, the CURP on file, course completions, notifications.' })
  conocer(@Root() { learnerId }: LearnerDataExport, @Ctx() { learnerData }: ConocerContext): Promise<LearnerCertificationData> {
    return learnerData.section(learnerId);
  }
}

/** `_entities` for `LearnerDataExport`: only the key; the section checks who asks. */
export const learnerDataExportReference = {
  LearnerDataExport: { __resolveReference: ({ learnerId }: { learnerId: string }): LearnerDataExport => ({ learnerId }) },
};
