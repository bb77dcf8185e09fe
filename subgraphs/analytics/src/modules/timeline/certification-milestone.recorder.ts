import { randomUUID } from 'node:crypto';
import type { Logger } from '@academy/service-kit';
import type { DatabaseDialect } from '@academy/subgraph-kit';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { type DeadLetterStage, resolveDeadLetters, writeDeadLetters } from '../dead-letters';
import { bulkInsert, qualifiedTable } from '../events';
import { type CancelledLearners, LEARNER_BLOCKED_REASON } from '../pipeline';
import { CERTIFICATION_LETTER_KIND, validateCertificationUpdate } from './certification-updated.event';

/** A `certification.updated` payload on its way to the timeline: from the bus, or a dead letter replayed. */
export interface MilestoneItem {
  /** The bus event's tenant (the dead letter's, on replay). */
  tenantId: string | null;
  /** The payload as received. */
  data: unknown;
  busEventId?: string;
  receivedAt: Date;
  /** The dead letter being replayed: resolved when stored, updated when refused again. */
  replayOf?: string;
}

export type MilestoneResult =
  | { status: 'stored'; id: string }
  /** The certification had reached this status already: `id` is the stored milestone's. */
  | { status: 'duplicate'; id: string }
  /** `deadLetterId` is absent when the event was discarded: it was about a deleted learner. */
  | { status: 'rejected'; reasons: string[]; deadLetterId?: string };

/**
 * Stores certification milestones, each in one transaction: validated, refused for a blocked learner
 * (LEARNER_DATA_BLOCKED, as the pipeline refuses their learning events), then inserted unless the
 * certification already reached the status. Refused events become dead letters of kind
 * `certification` in the pipeline's dead-letter store, listed and replayed like the others.
 */
export class CertificationMilestoneRecorder {
  constructor(
    /** Outside requests: scoped to all tenants. */
    private readonly em: () => SqlEntityManager,
    private readonly dialect: DatabaseDialect,
    private readonly learners: CancelledLearners,
    private readonly logger: Logger,
  ) {}

  /** Rejects only when the database failed (nothing was written), so a bus delivery is retried. */
  async record(item: MilestoneItem): Promise<MilestoneResult> {
    const checked = validateCertificationUpdate(item.tenantId, item.data);
    if ('reasons' in checked) return this.refuse(item, 'validation', checked.reasons);
    const { fields } = checked;
    if (this.learners.deleted(fields.tenantId, fields.learnerId)) {
      // Nothing about a deleted learner may be kept, not even as a dead letter (and no id in the log).
      this.logger.warn({ busEventId: item.busEventId, tenantId: fields.tenantId }, 'certification.updated about a deleted learner: discarded');
      return { status: 'rejected', reasons: [LEARNER_BLOCKED_REASON] };
    }
    if (this.learners.has(fields.tenantId, fields.learnerId)) return this.refuse(item, 'enrichment', [LEARNER_BLOCKED_REASON]);
    const table = qualifiedTable(this.dialect, 'analytics_certification_milestone');
    return this.em().transactional(async (tx) => {
      const inserted = await bulkInsert<{ id: string }>(tx, this.dialect, {
        table,
        columns: [
          { name: 'tenant_id', pg: 'varchar' },
          { name: 'certification_id', pg: 'varchar' },
          { name: 'status', pg: 'varchar' },
          { name: 'id', pg: 'uuid' },
          { name: 'learner_id', pg: 'varchar' },
          { name: 'standard_code', pg: 'varchar' },
          { name: 'folio', pg: 'varchar' },
          { name: 'reason', pg: 'varchar' },
          { name: 'occurred_at', pg: 'timestamptz' },
          { name: 'received_at', pg: 'timestamptz' },
          { name: 'bus_event_id', pg: 'varchar' },
        ],
        rows: [
          [
            fields.tenantId,
            fields.certificationId,
            fields.status,
            randomUUID(),
            fields.learnerId,
            fields.standardCode,
            fields.folio,
            fields.reason,
            fields.occurredAt,
            item.receivedAt,
            // Lineage only (conocer's outbox ids are uuids): cut to the column rather than refuse the event.
            item.busEventId?.slice(0, 100) ?? null,
          ],
        ],
        // The primary key (tenant, certification, status): a repeat inserts nothing.
        ignoreConflicts: true,
        returning: ['id'],
      });
      const result: MilestoneResult = inserted[0]
        ? { status: 'stored', id: inserted[0].id }
        : { status: 'duplicate', id: await this.storedId(tx, table, fields.tenantId, fields.certificationId, fields.status) };
      if (item.replayOf) await resolveDeadLetters(tx, [{ id: item.replayOf, eventId: result.id }]);
      return result;
    });
  }

  private async storedId(tx: SqlEntityManager, table: string, tenantId: string, certificationId: string, status: string): Promise<string> {
    const [row] = await tx.execute<{ id: string }[]>(`select id from ${table} where tenant_id = ? and certification_id = ? and status = ?`, [tenantId, certificationId, status]);
    // The insert conflicted on this key in this transaction, so the row exists.
    return row!.id;
  }

  private async refuse(item: MilestoneItem, stage: DeadLetterStage, reasons: string[]): Promise<MilestoneResult> {
    const [deadLetterId] = await this.em().transactional((tx) =>
      writeDeadLetters(tx, this.dialect, [
        {
          tenantId: typeof item.tenantId === 'string' && item.tenantId.length <= 64 ? item.tenantId : null,
          tenantVerified: false,
          kind: CERTIFICATION_LETTER_KIND,
          source: item.replayOf ? 'replay' : 'bus',
          stage,
          reasons,
          data: item.data,
          busEventId: item.busEventId,
          receivedAt: item.receivedAt,
          replayOf: item.replayOf,
        },
      ]),
    );
    this.logger.warn({ busEventId: item.busEventId, tenantId: item.tenantId, reasons, deadLetterId }, 'certification.updated refused: dead-lettered, not in the timeline');
    return { status: 'rejected', reasons, deadLetterId: deadLetterId! };
  }
}
