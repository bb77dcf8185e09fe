import { buildFederatedSchema } from '@academy/subgraph-kit';
import type { GraphQLSchema } from 'graphql';
import { PlanEntity, PlanResolver } from './modules/plan';
import { TenantEntity, TenantResolver, tenantReference } from './modules/tenant';

export const tenancyEntities = [PlanEntity, TenantEntity];

/** Needs no database: `npm run compose` prints the SDL from this. */
export function buildTenancySchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    resolvers: [TenantResolver, PlanResolver],
    federationImports: ['@key', '@shareable'],
    referenceResolvers: tenantReference,
    validate: { forbidUnknownValues: false },
  });
}
