import type { DatabaseDialect } from '@academy/subgraph-kit';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { type Completion, recordCompletions } from '../completion';
import { type RefusedEvent, resolveDeadLetters, writeDeadLetters } from '../dead-letters';
import { bulkInsert, qualifiedTable } from '../events';
import type { PipelineEvent } from './ingest-item';
import { ROUTE } from './routing';

export interface WriteRequest {
  /** Validated, enriched, routed events (each client event id at most once). */
  events: PipelineEvent[];
  refused: RefusedEvent[];
  /** Replayed dead letters, by the index of their event in `events`. */
  replays: Map<number, string>;
}

export interface WriteOutcome {
  /** Per event of the request: stored, or the stored event this one repeats. */
  outcomes: ({ status: 'stored' } | { status: 'duplicate'; eventId: string; occurredAt: Date })[];
  deadLetterIds: string[];
  completions: Completion[];
}

const EVENT_COLUMNS = [
  { name: 'id', pg: 'uuid' },
  { name: 'occurred_at', pg: 'timestamptz' },
  { name: 'tenant_id', pg: 'varchar' },
  { name: 'kind', pg: 'varchar' },
  { name: 'learner_id', pg: 'varchar' },
  { name: 'course_id', pg: 'varchar' },
  { name: 'standard_code', pg: 'varchar' },
  { name: 'percent', pg: 'double precision' },
  { name: 'activity', pg: 'varchar' },
  { name: 'duration_seconds', pg: 'integer' },
  { name: 'client_event_id', pg: 'varchar' },
  { name: 'source', pg: 'varchar' },
  { name: 'received_at', pg: 'timestamptz' },
  { name: 'lineage', pg: 'jsonb' },
] as const;

const keyOf = (tenantId: string, clientEventId: string) => `${tenantId}\u0000${clientEventId}`;

/**
 * The storage step: one transaction per batch, so events, their receipts (de-duplication), the
 * completions they trigger with their outbox events, and the batch's dead letters commit together.
 */
export class EventWriter {
  constructor(
    private readonly em: SqlEntityManager,
    private readonly dialect: DatabaseDialect,
  ) {}

  write(request: WriteRequest): Promise<WriteOutcome> {
    return this.em.fork().transactional((tx) => this.writeIn(tx, request));
  }

  private async writeIn(tx: SqlEntityManager, { events, refused, replays }: WriteRequest): Promise<WriteOutcome> {
    const { dialect } = this;
    const withId = events.filter((e) => e.clientEventId !== null);
    const claimed = await bulkInsert<{ tenant_id: string; client_event_id: string }>(tx, dialect, {
      table: qualifiedTable(dialect, 'analytics_event_receipt'),
      columns: [
        { name: 'tenant_id', pg: 'varchar' },
        { name: 'client_event_id', pg: 'varchar' },
        { name: 'event_id', pg: 'uuid' },
        { name: 'occurred_at', pg: 'timestamptz' },
      ],
      rows: withId.map((e) => [e.tenantId, e.clientEventId!, e.id, e.occurredAt]),
      ignoreConflicts: true,
      returning: ['tenant_id', 'client_event_id'],
    });
    const isNew = new Set(claimed.map((row) => keyOf(row.tenant_id, row.client_event_id)));
    const fresh = events.filter((e) => e.clientEventId === null || isNew.has(keyOf(e.tenantId, e.clientEventId)));
    const repeated = await this.storedReceipts(tx, withId.filter((e) => !isNew.has(keyOf(e.tenantId, e.clientEventId!))));

    for (const event of fresh) event.lineage.steps.push('stored');
    await bulkInsert(tx, dialect, {
      table: qualifiedTable(dialect, 'analytics_events'),
      columns: EVENT_COLUMNS,
      rows: fresh.map((e) => [
        e.id,
        e.occurredAt,
        e.tenantId,
        e.kind,
        e.learnerId,
        e.courseId,
        e.standardCode,
        e.percent,
        e.activity,
        e.durationSeconds,
        e.clientEventId,
        e.source,
        e.receivedAt,
        e.lineage,
      ]),
    });
    const completions = await recordCompletions(
      tx,
      dialect,
      fresh
        .filter((e) => e.lineage.routes.includes(ROUTE.completion))
        .map((e) => ({ eventId: e.id, tenantId: e.tenantId, learnerId: e.learnerId, courseId: e.courseId, standardCode: e.standardCode, completedAt: e.occurredAt })),
    );
    const deadLetterIds = await writeDeadLetters(tx, dialect, refused);

    const outcomes: WriteOutcome['outcomes'] = events.map((e) => {
      if (e.clientEventId === null || isNew.has(keyOf(e.tenantId, e.clientEventId))) return { status: 'stored' };
      const stored = repeated.get(keyOf(e.tenantId, e.clientEventId));
      // The receipt's insert conflicted, so it exists and this transaction sees it.
      return { status: 'duplicate', eventId: stored?.eventId ?? '', occurredAt: stored?.occurredAt ?? e.occurredAt };
    });
    const resolved = [...replays].map(([index, id]) => {
      const outcome = outcomes[index]!;
      return { id, eventId: outcome.status === 'stored' ? events[index]!.id : outcome.eventId };
    });
    await resolveDeadLetters(tx, resolved);
    return { outcomes, deadLetterIds, completions };
  }

  /** The stored event of each repeated client event id. */
  private async storedReceipts(tx: SqlEntityManager, repeats: PipelineEvent[]): Promise<Map<string, { eventId: string; occurredAt: Date }>> {
    const found = new Map<string, { eventId: string; occurredAt: Date }>();
    if (repeats.length === 0) return found;
    const knex = tx.getKnex();
    const query = knex
      .select('tenant_id', 'client_event_id', 'event_id', 'occurred_at')
      .from(this.dialect === 'postgresql' ? 'analytics.analytics_event_receipt' : 'analytics_event_receipt')
      .where((builder) => {
        for (const e of repeats) builder.orWhere({ tenant_id: e.tenantId, client_event_id: e.clientEventId });
      });
    for (const row of await tx.execute<{ tenant_id: string; client_event_id: string; event_id: string; occurred_at: Date | number | string }[]>(query)) {
      found.set(keyOf(row.tenant_id, row.client_event_id), { eventId: row.event_id, occurredAt: new Date(row.occurred_at) });
    }
    return found;
  }
}
