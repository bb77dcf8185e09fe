import { applyAuthorization, buildFederatedSchema } from '@academy/subgraph-kit';
import type { GraphQLSchema } from 'graphql';
import { analyticsRules } from './authorization';
import { LiveResolver } from './modules/live';
import { ProgressEventEntity, ProgressLearnerResolver, ProgressResolver, progressEventReference } from './modules/progress';
import { Tenant, TenantResolver, tenantReference } from './modules/tenant';
import { ApiRequestEntity, ApiUsageResolver } from './modules/usage';

export const analyticsEntities = [ProgressEventEntity, ApiRequestEntity];

/** Needs no database: `npm run compose` prints the SDL from this. Authorization is part of the schema, so no caller gets it without. */
export async function buildAnalyticsSchema(): Promise<GraphQLSchema> {
  const schema = await buildFederatedSchema({
    resolvers: [ProgressResolver, ProgressLearnerResolver, TenantResolver, ApiUsageResolver, LiveResolver],
    // No field here returns a Tenant; the gateway reaches it only through `_entities`.
    orphanedTypes: [Tenant],
    federationImports: ['@key', '@shareable', '@cost', '@listSize'],
    referenceResolvers: { ...progressEventReference, ...tenantReference },
    validate: { forbidUnknownValues: false },
  });
  return applyAuthorization(schema, analyticsRules);
}
