import { parseEnvironment } from '@academy/service-kit';
import { subgraphEnvironmentSchema } from '@academy/subgraph-kit';
import type { z } from 'zod';

export const conocerEnvironmentSchema = subgraphEnvironmentSchema('conocer', 4002);

export type ConocerEnvironment = z.infer<typeof conocerEnvironmentSchema>;

export function loadConocerEnvironment(source: NodeJS.ProcessEnv = process.env): ConocerEnvironment {
  return parseEnvironment('conocer', conocerEnvironmentSchema, source);
}
