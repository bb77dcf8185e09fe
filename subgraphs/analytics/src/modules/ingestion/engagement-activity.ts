import { registerEnumType } from 'type-graphql';
import { ENGAGEMENT_ACTIVITIES, type EngagementActivity as Activity } from '../events';

/** The GraphQL enum of what a learner did; the values are the pipeline's. */
export const EngagementActivity = Object.fromEntries(ENGAGEMENT_ACTIVITIES.map((value) => [value, value])) as { [K in Activity]: K };
export type EngagementActivity = Activity;

registerEnumType(EngagementActivity, { name: 'EngagementActivity', description: 'What a learner did in a course.' });
