import { applyAuthorization, buildFederatedSchema } from '@academy/subgraph-kit';
import type { GraphQLSchema } from 'graphql';
import { tenancyRules } from './authorization';
import { AccessResolver } from './modules/access';
import { ApiKeyEntity, ApiKeyResolver } from './modules/api-key';
import { AuditEntryEntity, AuditResolver } from './modules/audit';
import { LearnerCancellationEntity, LearnerEntity, LearnerResolver, learnerReference } from './modules/learner';
import { PlanEntity, PlanResolver } from './modules/plan';
import { LearnerPrivacyResolver, learnerDataExportReference } from './modules/privacy';
import { SettingsResolver, TenantSettingsEntity } from './modules/settings';
import { TenantDomainEntity, TenantEntity, TenantResolver, tenantReference } from './modules/tenant';

export const tenancyEntities = [PlanEntity, TenantEntity, TenantDomainEntity, TenantSettingsEntity, ApiKeyEntity, AuditEntryEntity, LearnerEntity, LearnerCancellationEntity];

/** Needs no database: `npm run compose` prints the SDL from this. Authorization is applied last, over everything. */
export async function buildTenancySchema(): Promise<GraphQLSchema> {
  const schema = await buildFederatedSchema({
    resolvers: [TenantResolver, SettingsResolver, PlanResolver, ApiKeyResolver, AuditResolver, AccessResolver, LearnerResolver, LearnerPrivacyResolver],
    federationImports: ['@key', '@shareable', '@inaccessible', '@cost', '@listSize'],
    referenceResolvers: { ...tenantReference, ...learnerReference, ...learnerDataExportReference },
    validate: { forbidUnknownValues: false },
  });
  return applyAuthorization(schema, tenancyRules);
}
