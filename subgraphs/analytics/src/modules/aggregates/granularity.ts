import { registerEnumType } from 'type-graphql';
import { GRANULARITIES, type Granularity } from './period';

/** The GraphQL enum of the aggregate periods. */
export const AnalyticsGranularity = Object.fromEntries(GRANULARITIES.map((value) => [value, value])) as { [K in Granularity]: K };
export type AnalyticsGranularity = Granularity;

registerEnumType(AnalyticsGranularity, {
  name: 'AnalyticsGranularity',
  description: 'The period figures are grouped by, in UTC: calendar days, ISO weeks (Monday to Sunday) or calendar months.',
});
