import { applyAuthorization, buildFederatedSchema } from '@academy/subgraph-kit';
import type { GraphQLSchema } from 'graphql';
import { analyticsRules } from './authorization';
import { AnalyticsCourseCompletionEntity } from './modules/completion';
import { ActivityPeriodEntity, AggregatePeriodEntity, AggregatesResolver, CoursePeriodEntity } from './modules/aggregates';
import { CourseEntity, CourseResolver, KnownTenantEntity } from './modules/catalog';
import { DeadLetterEntity, DeadLetterResolver } from './modules/dead-letters';
import { IntegrationHealthResolver, integrationMetricsReference } from './modules/health';
import { AnalyticsEventEntity, EVENT_PARTITION_TABLES, EventReceiptEntity } from './modules/events';
import { IngestionResolver } from './modules/ingestion';
import { LiveResolver, LiveShareKeyResolver } from './modules/live';
import { AnalyticsOutboxMessageEntity } from './modules/outbox';
import { PipelineMetricsResolver } from './modules/pipeline';
import { AnalyticsBlockedLearnerEntity, LearnerDataExport, LearnerDataResolver, learnerDataExportReference } from './modules/privacy';
import { ProgressLearnerResolver, ProgressResolver, progressEventReference } from './modules/progress';
import { Tenant, TenantResolver, tenantReference } from './modules/tenant';
import { CertificationMilestoneEntity, LearnerTimelineResolver } from './modules/timeline';
import { ApiRequestEntity, ApiUsageResolver } from './modules/usage';

export const analyticsEntities = [
  AnalyticsEventEntity,
  EventReceiptEntity,
  KnownTenantEntity,
  CourseEntity,
  DeadLetterEntity,
  AnalyticsCourseCompletionEntity,
  AnalyticsOutboxMessageEntity,
  ApiRequestEntity,
  AnalyticsBlockedLearnerEntity,
  CoursePeriodEntity,
  ActivityPeriodEntity,
  AggregatePeriodEntity,
  CertificationMilestoneEntity,
];

/** Tables analytics creates at run time (the monthly partitions of `analytics_events`): not the ORM's to diff. */
export const analyticsUnmanagedTables = [EVENT_PARTITION_TABLES];

/** Needs no database: `npm run compose` prints the SDL from this. Authorization is part of the schema, so no caller gets it without. */
export async function buildAnalyticsSchema(): Promise<GraphQLSchema> {
  const schema = await buildFederatedSchema({
    resolvers: [ProgressResolver, ProgressLearnerResolver, IngestionResolver, DeadLetterResolver, CourseResolver, PipelineMetricsResolver, IntegrationHealthResolver, TenantResolver, ApiUsageResolver, LiveResolver, LiveShareKeyResolver, LearnerDataResolver, AggregatesResolver, LearnerTimelineResolver],
    // No field here returns a Tenant; the gateway reaches it only through `_entities`.
    orphanedTypes: [Tenant, LearnerDataExport],
    federationImports: ['@key', '@shareable', '@cost', '@listSize', '@inaccessible'],
    referenceResolvers: { ...progressEventReference, ...tenantReference, ...integrationMetricsReference, ...learnerDataExportReference },
    validate: { forbidUnknownValues: false },
  });
  return applyAuthorization(schema, analyticsRules);
}
