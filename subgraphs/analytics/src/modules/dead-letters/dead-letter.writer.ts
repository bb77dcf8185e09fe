import { randomUUID } from 'node:crypto';
import type { DatabaseDialect } from '@academy/subgraph-kit';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { bulkInsert, type EventSource, qualifiedTable } from '../events';
import { type DeadLetterStage, DeadLetterEntity } from './dead-letter.entity';

/** A refused event as the dead-letter store keeps it. */
export interface RefusedEvent {
  tenantId: string | null;
  tenantVerified: boolean;
  kind: string;
  source: EventSource;
  stage: DeadLetterStage;
  reasons: string[];
  data: unknown;
  busEventId?: string;
  receivedAt: Date;
  /** A dead letter that failed again on replay: updated rather than added. */
  replayOf?: string;
}

/** What a dead letter keeps of the event, so a replay can send it through the pipeline as it first came. */
export interface DeadLetterPayload {
  data: unknown;
  tenantVerified: boolean;
  busEventId?: string;
}

/** Writes refused events in the caller's transaction; returns each one's dead-letter id, in order. */
export async function writeDeadLetters(em: SqlEntityManager, dialect: DatabaseDialect, refused: readonly RefusedEvent[], now = new Date()): Promise<string[]> {
  const ids = refused.map((r) => r.replayOf ?? randomUUID());
  const fresh = refused.map((r, i) => ({ r, id: ids[i]! })).filter(({ r }) => r.replayOf === undefined);
  await bulkInsert(em, dialect, {
    table: qualifiedTable(dialect, 'analytics_dead_letter'),
    columns: [
      { name: 'id', pg: 'uuid' },
      { name: 'tenant_id', pg: 'varchar' },
      { name: 'kind', pg: 'varchar' },
      { name: 'source', pg: 'varchar' },
      { name: 'stage', pg: 'varchar' },
      { name: 'reasons', pg: 'jsonb' },
      { name: 'payload', pg: 'jsonb' },
      { name: 'received_at', pg: 'timestamptz' },
      { name: 'attempts', pg: 'integer' },
      { name: 'last_attempt_at', pg: 'timestamptz' },
    ],
    rows: fresh.map(({ r, id }) => {
      const payload: DeadLetterPayload = { data: r.data ?? null, tenantVerified: r.tenantVerified, ...(r.busEventId && { busEventId: r.busEventId }) };
      return [id, r.tenantId, r.kind, r.source, r.stage, r.reasons, payload, r.receivedAt, 1, now];
    }),
  });
  for (const r of refused) {
    if (r.replayOf === undefined) continue;
    await em.nativeUpdate(DeadLetterEntity, { id: r.replayOf }, { reasons: r.reasons, stage: r.stage, attempts: em.getKnex().raw('attempts + 1') as never, lastAttemptAt: now });
  }
  return ids;
}

/** Marks replayed dead letters whose event is now stored (or was already). */
export async function resolveDeadLetters(em: SqlEntityManager, resolved: readonly { id: string; eventId: string }[], now = new Date()): Promise<void> {
  for (const { id, eventId } of resolved) {
    await em.nativeUpdate(DeadLetterEntity, { id }, { resolvedAt: now, resolvedEventId: eventId, lastAttemptAt: now, attempts: em.getKnex().raw('attempts + 1') as never });
  }
}
