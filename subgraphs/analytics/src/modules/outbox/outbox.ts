import type { DomainEvent } from '@academy/event-bus';
import type { DatabaseDialect } from '@academy/subgraph-kit';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { bulkInsert, qualifiedTable } from '../events';

/**
 * Adds events to the outbox in the transaction `em` belongs to; the relay publishes them after the
 * commit. Never publish to the bus from inside a transaction: a rollback could not take it back.
 * An event already in the outbox (same id) is left as it is.
 */
export async function enqueueEvents(em: SqlEntityManager, dialect: DatabaseDialect, events: readonly DomainEvent[], now = new Date()): Promise<void> {
  await bulkInsert(em, dialect, {
    table: qualifiedTable(dialect, 'analytics_outbox'),
    columns: [
      { name: 'id', pg: 'uuid' },
      { name: 'type', pg: 'varchar' },
      { name: 'event', pg: 'jsonb' },
      { name: 'created_at', pg: 'timestamptz' },
      { name: 'available_at', pg: 'timestamptz' },
      { name: 'attempts', pg: 'integer' },
    ],
    rows: events.map((event) => [event.id, event.type, event, now, now, 0]),
    ignoreConflicts: true,
  });
}
