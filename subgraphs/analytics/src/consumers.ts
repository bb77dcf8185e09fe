import type { ConsumeOptions, EventBus } from '@academy/event-bus';
import type { Logger } from '@academy/service-kit';
import type { Database } from '@academy/subgraph-kit';
import { API_OPERATION_RECORDED, API_USAGE_CONSUMER_GROUP, apiUsageHandler } from './modules/usage';

/** Starts analytics' event consumers; the returned function stops them (before the database closes). */
export async function startAnalyticsConsumers(bus: EventBus, database: Database, logger: Logger, options?: ConsumeOptions): Promise<() => Promise<void>> {
  return bus.consume(API_USAGE_CONSUMER_GROUP, [API_OPERATION_RECORDED], apiUsageHandler(database.orm, database.dialect, logger), options);
}
