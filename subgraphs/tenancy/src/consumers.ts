import type { EventBus, Unsubscribe } from '@academy/event-bus';
import type { Logger } from '@academy/service-kit';
import type { MikroORM } from '@mikro-orm/core';
import { CONSUMER_GROUP, EVENT } from './events';
import { apiKeyUsedHandler } from './modules/api-key';
import { auditRecordedHandler } from './modules/audit';

/** Starts tenancy's event consumers; the returned function stops them (before the database closes). */
export async function startTenancyConsumers(bus: EventBus, orm: MikroORM, logger: Logger): Promise<() => Promise<void>> {
  const stops: Unsubscribe[] = [];
  try {
    stops.push(await bus.consume(CONSUMER_GROUP.apiKeyUsage, [EVENT.apiKeyUsed], apiKeyUsedHandler(orm, logger)));
    stops.push(await bus.consume(CONSUMER_GROUP.audit, [EVENT.auditRecorded], auditRecordedHandler(orm, logger)));
  } catch (error) {
    await Promise.all(stops.map((stop) => stop()));
    throw error;
  }
  return async () => {
    await Promise.all(stops.map((stop) => stop()));
  };
}
