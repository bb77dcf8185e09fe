import { parseEnvironment } from '@academy/service-kit';
import { subgraphEnvironmentSchema } from '@academy/subgraph-kit';
import type { z } from 'zod';

export const tenancyEnvironmentSchema = subgraphEnvironmentSchema('tenancy', 4001);

export type TenancyEnvironment = z.infer<typeof tenancyEnvironmentSchema>;

export function loadTenancyEnvironment(source: NodeJS.ProcessEnv = process.env): TenancyEnvironment {
  return parseEnvironment('tenancy', tenancyEnvironmentSchema, source);
}
