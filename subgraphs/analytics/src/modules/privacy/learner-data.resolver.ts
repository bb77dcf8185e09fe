import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { AnalyticsContext } from '../../context';
import { LearnerAnalyticsData, LearnerDataExport } from './learner-data.type';

@Resolver(() => LearnerDataExport)
export class LearnerDataResolver {
  @FieldResolver(() => LearnerAnalyticsData, { description: 'analytics’ section: learning events (the timeline), progress per course, API usage.' })
  analytics(@Root() { learnerId }: LearnerDataExport, @Ctx() { learnerData }: AnalyticsContext): Promise<LearnerAnalyticsData> {
    return learnerData.section(learnerId);
  }
}

/** `_entities` for `LearnerDataExport`: only the key; the section checks who asks. */
export const learnerDataExportReference = {
  LearnerDataExport: { __resolveReference: ({ learnerId }: { learnerId: string }): LearnerDataExport => ({ learnerId }) },
};
