import { parseEnvironment } from '@academy/service-kit';
import { subgraphEnvironmentSchema } from '@academy/subgraph-kit';
import type { z } from 'zod';

export const analyticsEnvironmentSchema = subgraphEnvironmentSchema('analytics', 4003);

export type AnalyticsEnvironment = z.infer<typeof analyticsEnvironmentSchema>;

export function loadAnalyticsEnvironment(source: NodeJS.ProcessEnv = process.env): AnalyticsEnvironment {
  return parseEnvironment('analytics', analyticsEnvironmentSchema, source);
}
