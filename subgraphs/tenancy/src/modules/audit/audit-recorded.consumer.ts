import type { EventHandler } from '@academy/event-bus';
import type { Logger } from '@academy/service-kit';
import type { MikroORM } from '@mikro-orm/core';
import { auditRowOf, storeAuditEntry } from './audit-entry.store';

/**
 * `audit.recorded` from any service (the gateway's authentication and authorization outcomes, and
 * tenancy's own, which are already stored and dedupe on the event id). A malformed event is logged
 * and dropped: retrying cannot fix it. A database failure throws, so the bus retries it.
 */
export function auditRecordedHandler(orm: MikroORM, logger: Logger): EventHandler {
  return async (event) => {
    const row = auditRowOf(event);
    if ('problems' in row) {
      logger.warn({ eventId: event.id, problems: row.problems }, 'dropped a malformed audit.recorded event');
      return;
    }
    await storeAuditEntry(orm.em.fork(), row);
  };
}
