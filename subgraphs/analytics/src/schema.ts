import { buildFederatedSchema } from '@academy/subgraph-kit';
import type { GraphQLSchema } from 'graphql';
import { ProgressEventEntity, ProgressResolver, progressEventReference } from './modules/progress';
import { Tenant, TenantResolver, tenantReference } from './modules/tenant';

export const analyticsEntities = [ProgressEventEntity];

/** Needs no database: `npm run compose` prints the SDL from this. */
export function buildAnalyticsSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    resolvers: [ProgressResolver, TenantResolver],
    // No field here returns a Tenant; the gateway reaches it only through `_entities`.
    orphanedTypes: [Tenant],
    federationImports: ['@key', '@shareable'],
    referenceResolvers: { ...progressEventReference, ...tenantReference },
    validate: { forbidUnknownValues: false },
  });
}
