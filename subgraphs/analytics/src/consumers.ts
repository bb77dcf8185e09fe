import type { ConsumeOptions, EventBus } from '@academy/event-bus';
import type { Logger } from '@academy/service-kit';
import { ALL_TENANTS, type Database, forkWithTenantScope } from '@academy/subgraph-kit';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { CatalogRepository, TENANT_CHANGED, TENANT_DIRECTORY_CONSUMER_GROUP, tenantChangedHandler } from './modules/catalog';
import { INGESTION_CONSUMER_GROUP, LEARNING_EVENT_TYPES, learningEventsHandler } from './modules/ingestion';
import { CERTIFICATION_UPDATED } from './modules/live';
import type { EventIngestor } from './modules/pipeline';
import { type BlockedLearners, blockedLearnersBroadcast, LEARNER_CANCELLATION_TYPES, learnerCancellationHandler, PRIVACY_CONSUMER_GROUP } from './modules/privacy';
import { CERTIFICATION_MILESTONES_CONSUMER_GROUP, type CertificationMilestoneRecorder, certificationUpdatesHandler } from './modules/timeline';
import { API_OPERATION_RECORDED, API_USAGE_CONSUMER_GROUP, apiUsageHandler } from './modules/usage';

/** Starts analytics' event consumers; the returned function stops them (before the pipeline and the database close). */
export async function startAnalyticsConsumers(
  bus: EventBus,
  database: Database,
  { pipeline, milestones }: { pipeline: EventIngestor; milestones: CertificationMilestoneRecorder },
  logger: Logger,
  options?: ConsumeOptions,
  privacy?: { blocked: BlockedLearners; relayNow(): void },
): Promise<() => Promise<void>> {
  const catalog = () => new CatalogRepository(forkWithTenantScope(database.orm.em, ALL_TENANTS) as SqlEntityManager, database.dialect);
  const stops = [
    await bus.consume(API_USAGE_CONSUMER_GROUP, [API_OPERATION_RECORDED], apiUsageHandler(database.orm, database.dialect, logger), options),
    await bus.consume(INGESTION_CONSUMER_GROUP, LEARNING_EVENT_TYPES, learningEventsHandler(pipeline), options),
    await bus.consume(TENANT_DIRECTORY_CONSUMER_GROUP, [TENANT_CHANGED], tenantChangedHandler(catalog), options),
    // Durable, unlike the live stream's broadcast of the same events: every status change reaches the timeline.
    await bus.consume(CERTIFICATION_MILESTONES_CONSUMER_GROUP, [CERTIFICATION_UPDATED], certificationUpdatesHandler(milestones), options),
    ...(privacy
      ? [
          await bus.consume(PRIVACY_CONSUMER_GROUP, LEARNER_CANCELLATION_TYPES, learnerCancellationHandler(() => forkWithTenantScope(database.orm.em, ALL_TENANTS) as SqlEntityManager, database.dialect, privacy, logger), options),
          await bus.broadcast(LEARNER_CANCELLATION_TYPES, blockedLearnersBroadcast(privacy.blocked)),
        ]
      : []),
  ];
  return async () => {
    for (const stop of stops) await stop();
  };
}
