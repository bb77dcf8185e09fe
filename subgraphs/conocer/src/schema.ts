import { applyAuthorization, buildFederatedSchema } from '@academy/subgraph-kit';
import type { GraphQLSchema } from 'graphql';
import { conocerRules } from './authorization';
import { CompetencyStandardEntity, StandardResolver, standardReference } from './modules/standard';
import { StandardsSyncJobEntity, SyncResolver } from './modules/sync';

export const conocerEntities = [CompetencyStandardEntity, StandardsSyncJobEntity];

/** Needs no database: `npm run compose` prints the SDL from this. Authorization is part of the schema, so no caller gets it without. */
export async function buildConocerSchema(): Promise<GraphQLSchema> {
  const schema = await buildFederatedSchema({
    resolvers: [StandardResolver, SyncResolver],
    federationImports: ['@key', '@shareable', '@cost', '@listSize'],
    referenceResolvers: standardReference,
    validate: { forbidUnknownValues: false },
  });
  return applyAuthorization(schema, conocerRules);
}
