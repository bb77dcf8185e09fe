import type { EventHandler } from '@academy/event-bus';
import type { Logger } from '@academy/service-kit';
import type { DatabaseDialect } from '@academy/subgraph-kit';
import type { MikroORM } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { apiRequestRowsOf } from './api-operation-recorded.event';
import { ApiRequestRepository } from './api-request.repository';

/** An event that can never be stored as it is; the bus dead-letters it with this message as the reason. */
export class MalformedUsageEventError extends Error {
  override readonly name = 'MalformedUsageEventError';
  constructor(readonly problems: string[]) {
    super(`malformed api.operation.recorded event: ${problems.slice(0, 5).join('; ')}${problems.length > 5 ? ` (+${problems.length - 5} more)` : ''}`);
  }
}

/**
 * `api.operation.recorded` → `api_request` rows, one INSERT per event. A malformed event throws, and
 * the bus, which has no notion of a permanent failure, retries it (`maxAttempts`) and then moves it to
 * the group's dead letters, where it can be read and replayed once the producer is fixed: usage is
 * billing data, so it is kept rather than dropped. A database failure throws too and is retried.
 */
export function apiUsageHandler(orm: MikroORM, dialect: DatabaseDialect, logger: Logger): EventHandler {
  return async (event) => {
    const parsed = apiRequestRowsOf(event);
    if ('problems' in parsed) {
      logger.warn({ eventId: event.id, problems: parsed.problems.slice(0, 20) }, 'malformed api.operation.recorded event');
      throw new MalformedUsageEventError(parsed.problems);
    }
    await new ApiRequestRepository(orm.em.fork() as SqlEntityManager, dialect).insert(parsed.rows);
  };
}
