import { randomUUID } from 'node:crypto';
import type { Logger } from '@academy/service-kit';
import type { DatabaseDialect } from '@academy/subgraph-kit';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { CatalogRepository } from '../catalog';
import type { Completion } from '../completion';
import type { RefusedEvent } from '../dead-letters';
import { type CancelledLearners, enrichEvent } from './enrichment';
import { validateEventFields } from './event-validation';
import { EventWriter } from './event-writer';
import type { IngestItem, IngestResult, PipelineEvent } from './ingest-item';
import { IngestionBuffer, type IngestionBufferOptions } from './ingestion-buffer';
import { PipelineMetrics, type PipelineMetricsProvider } from './pipeline-metrics';
import { ROUTE, routesOf } from './routing';

/** What the pipeline does after a batch committed; each hook logs its own failures (storage already happened). */
export interface PipelineHooks {
  /** The streams routes: newly stored progress and engagement to live subscribers. */
  streamStored?(events: PipelineEvent[]): Promise<void>;
  /** New completions are in the outbox: relay them now rather than at the next poll. */
  completionsQueued?(completions: Completion[]): void;
  /** Events of already aggregated days were stored: recompute those, drop cached answers. */
  lateEventsStored?(events: PipelineEvent[]): Promise<void>;
  /** The outbox backlog, for the metrics. */
  outboxPending?(): Promise<number>;
  /** Each event's outcome and milliseconds from receipt to it (the Prometheus families). */
  eventProcessed?(outcome: IngestResult['status'], latencyMs: number): void;
}

export interface EventPipelineOptions {
  /** Scoped to all tenants: a batch carries many tenants' events. */
  em: SqlEntityManager;
  dialect: DatabaseDialect;
  logger: Logger;
  hooks?: PipelineHooks;
  /** Blocked learners' events are dead-lettered; deleted learners' are discarded. @default none */
  learners?: CancelledLearners;
  buffer?: Omit<IngestionBufferOptions<IngestItem, IngestResult>, 'process'>;
}

const keyOf = (tenantId: string, clientEventId: string) => `${tenantId}\u0000${clientEventId}`;

/**
 * The analytics pipeline: ingestion buffer (batching) → validation and transformation → enrichment →
 * routing → storage, then the routes that follow storage (streams, triggers). Every event ends in
 * exactly one outcome: stored, a duplicate of a stored one, or refused with its reasons — as a dead
 * letter, except an event about a deleted learner, which is discarded since nothing about them may be
 * kept; a batch the database refuses fails whole, and its callers (a request, a bus delivery) retry it.
 */
export class EventPipeline {
  private readonly buffer: IngestionBuffer<IngestItem, IngestResult>;
  private readonly stats = new PipelineMetrics();
  private readonly writer: EventWriter;

  constructor(private readonly options: EventPipelineOptions) {
    this.writer = new EventWriter(options.em, options.dialect);
    this.buffer = new IngestionBuffer((items) => this.process(items), options.buffer);
  }

  /** Results in the order of `items`. Rejects only when storage failed (nothing of the batch was stored). */
  ingest(items: readonly IngestItem[]): Promise<IngestResult[]> {
    return this.buffer.submit(items);
  }

  get metrics(): PipelineMetricsProvider {
    return { snapshot: async () => this.stats.read(this.buffer.depth(), (await this.options.hooks?.outboxPending?.()) ?? 0) };
  }

  /** Processes what is queued, then refuses new events. */
  close(): Promise<void> {
    return this.buffer.close();
  }

  private async process(items: IngestItem[]): Promise<IngestResult[]> {
    const { em, dialect, logger, hooks } = this.options;
    const now = new Date();
    const refused: { index: number; refusal: RefusedEvent }[] = [];
    const discarded: { index: number; reasons: string[] }[] = [];
    const refuse = (index: number, item: IngestItem, stage: RefusedEvent['stage'], reasons: string[]) =>
      refused.push({
        index,
        refusal: { tenantId: item.tenantId, tenantVerified: item.tenantVerified, kind: item.kind, source: item.source, stage, reasons, data: item.data, busEventId: item.busEventId, receivedAt: item.receivedAt, replayOf: item.replayOf },
      });

    const valid = items.flatMap((item, index) => {
      const checked = validateEventFields(item.kind, item.data);
      if ('reasons' in checked) {
        refuse(index, item, 'validation', checked.reasons);
        return [];
      }
      return [{ index, item, fields: checked.fields }];
    });

    const catalog = new CatalogRepository(em.fork(), dialect);
    const tenantIds = valid.flatMap(({ item }) => (item.tenantId ? [item.tenantId] : []));
    const snapshot = await catalog.snapshot(tenantIds);
    const vouched = valid.flatMap(({ item }) => (item.tenantVerified && item.tenantId && !snapshot.knownTenants.has(item.tenantId) ? [item.tenantId] : []));
    if (vouched.length) await catalog.rememberTenants(vouched, now);

    const events: PipelineEvent[] = [];
    const eventIndex: number[] = [];
    const replays = new Map<number, string>();
    /** Item index → the index (in `events`) of the earlier event of the batch it repeats. */
    const repeats = new Map<number, number>();
    const firstOfKey = new Map<string, number>();
    for (const { index, item, fields } of valid) {
      const { learners } = this.options;
      const enriched = enrichEvent(item, fields, snapshot, (tenantId, learnerId) => learners?.has(tenantId, learnerId) === true);
      if ('reasons' in enriched) {
        if (item.tenantId && learners?.deleted(item.tenantId, fields.learnerId)) discarded.push({ index, reasons: enriched.reasons });
        else refuse(index, item, 'enrichment', enriched.reasons);
        continue;
      }
      if (fields.clientEventId !== null) {
        const key = keyOf(enriched.tenantId, fields.clientEventId);
        const earlier = firstOfKey.get(key);
        if (earlier !== undefined) {
          repeats.set(index, earlier);
          continue;
        }
        firstOfKey.set(key, events.length);
      }
      const occurredAt = fields.occurredAt ?? item.receivedAt;
      const event: PipelineEvent = {
        id: randomUUID(),
        tenantId: enriched.tenantId,
        kind: item.kind,
        learnerId: fields.learnerId,
        courseId: fields.courseId,
        standardCode: enriched.standardCode,
        percent: fields.percent,
        activity: fields.activity,
        durationSeconds: fields.durationSeconds,
        clientEventId: fields.clientEventId,
        occurredAt,
        receivedAt: item.receivedAt,
        source: item.source,
        lineage: {
          source: item.source,
          receivedAt: item.receivedAt.toISOString(),
          steps: ['buffered', 'validated', 'enriched', 'routed'],
          routes: [],
          ...(item.busEventId && { busEventId: item.busEventId }),
          ...(item.replayOf && { replayOf: item.replayOf }),
        },
      };
      event.lineage.routes = routesOf(event, now);
      if (item.replayOf) replays.set(events.length, item.replayOf);
      eventIndex[index] = events.length;
      events.push(event);
    }

    let written: Awaited<ReturnType<EventWriter['write']>>;
    try {
      written = await this.writer.write({ events, refused: refused.map((r) => r.refusal), replays });
    } catch (error) {
      this.stats.batchFailed();
      logger.error({ err: error, events: items.length }, 'pipeline: storing a batch failed; its events are refused to their senders for a retry');
      throw error;
    }

    const results: IngestResult[] = new Array(items.length);
    refused.forEach(({ index, refusal }, i) => {
      results[index] = { status: 'rejected', reasons: refusal.reasons, deadLetterId: written.deadLetterIds[i]! };
    });
    for (const { index, reasons } of discarded) results[index] = { status: 'rejected', reasons };
    const outcomeOf = (position: number): IngestResult => {
      const outcome = written.outcomes[position]!;
      const event = events[position]!;
      return outcome.status === 'stored' ? { status: 'stored', event } : { status: 'duplicate', eventId: outcome.eventId, occurredAt: outcome.occurredAt };
    };
    for (const [index, position] of eventIndex.entries()) if (position !== undefined) results[index] = outcomeOf(position);
    for (const [index, position] of repeats) {
      const first = outcomeOf(position);
      results[index] = first.status === 'stored' ? { status: 'duplicate', eventId: first.event.id, occurredAt: first.event.occurredAt } : first;
    }

    const finished = Date.now();
    items.forEach((item, index) => {
      const result = results[index]!;
      const latencyMs = finished - item.receivedAt.getTime();
      this.stats.record(result.status, latencyMs);
      hooks?.eventProcessed?.(result.status, latencyMs);
    });
    if (refused.length) logger.warn({ deadLettered: refused.length, stages: [...new Set(refused.map((r) => r.refusal.stage))] }, 'pipeline: events dead-lettered');
    // No learner ids here: the point is to keep none.
    if (discarded.length) logger.warn({ discarded: discarded.length }, 'pipeline: events about deleted learners discarded');

    const stored = events.filter((_, position) => written.outcomes[position]!.status === 'stored');
    await Promise.all([
      hooks?.streamStored?.(stored.filter((e) => e.lineage.routes.includes(ROUTE.progressStream) || e.lineage.routes.includes(ROUTE.engagementStream))),
      stored.some((e) => e.lineage.routes.includes(ROUTE.lateEvent)) ? hooks?.lateEventsStored?.(stored.filter((e) => e.lineage.routes.includes(ROUTE.lateEvent))) : undefined,
    ]);
    if (written.completions.length) hooks?.completionsQueued?.(written.completions);
    return results;
  }
}
