import { buildFederatedSchema } from '@academy/subgraph-kit';
import type { GraphQLSchema } from 'graphql';
import { CompetencyStandardEntity, StandardResolver, standardReference } from './modules/standard';

export const conocerEntities = [CompetencyStandardEntity];

/** Needs no database: `npm run compose` prints the SDL from this. */
export function buildConocerSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    resolvers: [StandardResolver],
    federationImports: ['@key', '@shareable'],
    referenceResolvers: standardReference,
    validate: { forbidUnknownValues: false },
  });
}
