import { applyAuthorization, buildFederatedSchema } from '@academy/subgraph-kit';
import type { GraphQLSchema } from 'graphql';
import { analyticsRules } from './authorization';
import { ActivityPeriodEntity, AggregatePeriodEntity, AggregatesResolver, CoursePeriodEntity } from './modules/aggregates';
import { CourseCompletionEntity } from './modules/completion';
import { CourseEntity, CourseResolver, KnownTenantEntity } from './modules/catalog';
import { DeadLetterEntity, DeadLetterResolver } from './modules/dead-letters';
import { AnalyticsEventEntity, EVENT_PARTITION_TABLES, EventReceiptEntity } from './modules/events';
import { IngestionResolver } from './modules/ingestion';
import { LiveResolver } from './modules/live';
import { OutboxMessageEntity } from './modules/outbox';
import { PipelineMetricsResolver } from './modules/pipeline';
import { ProgressLearnerResolver, ProgressResolver, progressEventReference } from './modules/progress';
import { Tenant, TenantResolver, tenantReference } from './modules/tenant';
import { ApiRequestEntity, ApiUsageResolver } from './modules/usage';

export const analyticsEntities = [
  AnalyticsEventEntity,
  EventReceiptEntity,
  KnownTenantEntity,
  CourseEntity,
  DeadLetterEntity,
  CourseCompletionEntity,
  OutboxMessageEntity,
  ApiRequestEntity,
  CoursePeriodEntity,
  ActivityPeriodEntity,
  AggregatePeriodEntity,
];

/** Tables analytics creates at run time (the monthly partitions of `analytics_events`): not the ORM's to diff. */
export const analyticsUnmanagedTables = [EVENT_PARTITION_TABLES];

/** Needs no database: `npm run compose` prints the SDL from this. Authorization is part of the schema, so no caller gets it without. */
export async function buildAnalyticsSchema(): Promise<GraphQLSchema> {
  const schema = await buildFederatedSchema({
    resolvers: [ProgressResolver, ProgressLearnerResolver, IngestionResolver, DeadLetterResolver, CourseResolver, PipelineMetricsResolver, TenantResolver, ApiUsageResolver, LiveResolver, AggregatesResolver],
    // No field here returns a Tenant; the gateway reaches it only through `_entities`.
    orphanedTypes: [Tenant],
    federationImports: ['@key', '@shareable', '@cost', '@listSize'],
    referenceResolvers: { ...progressEventReference, ...tenantReference },
    validate: { forbidUnknownValues: false },
  });
  return applyAuthorization(schema, analyticsRules);
}
