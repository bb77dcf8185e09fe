import { AppError, type Principal } from '@academy/service-kit';
import { checkPageSize, type Connection, decodeCursor, toConnection } from '@academy/subgraph-kit';
import type { EntityManager, FilterQuery } from '@mikro-orm/core';
import type { EventKind } from '../events';
import { type IngestionReport, type ReportedResult, toReport } from '../ingestion';
import type { EventIngestor, IngestItem } from '../pipeline';
import { DeadLetterEntity } from './dead-letter.entity';
import type { DeadLetter } from './dead-letter.type';
import type { DeadLetterPayload } from './dead-letter.writer';

/** Dead letters per replay call: one pipeline batch. */
export const MAX_REPLAY = 500;

/** The kinds the pipeline ingests; dead letters of other kinds go back to their own store. */
const PIPELINE_KINDS: readonly string[] = ['progress', 'engagement'] satisfies EventKind[];
const PIPELINE = Symbol('pipeline');

/** A dead letter sent again, as it first came. */
export interface ReplayedLetter {
  id: string;
  tenantId: string | null;
  data: unknown;
  busEventId?: string;
  receivedAt: Date;
}

/** Replays dead letters of a kind the pipeline does not ingest (certification milestones): one result per letter, in order. */
export interface LetterReplayer {
  replay(letters: readonly ReplayedLetter[]): Promise<ReportedResult[]>;
}

function pipelineItemOf(row: DeadLetterEntity, receivedAt: Date): IngestItem {
  const payload = row.payload as unknown as DeadLetterPayload;
  return { kind: row.kind as EventKind, source: 'replay', tenantId: row.tenantId, tenantVerified: payload.tenantVerified, data: payload.data, busEventId: payload.busEventId, receivedAt, replayOf: row.id };
}

function replayedLetterOf(row: DeadLetterEntity, receivedAt: Date): ReplayedLetter {
  const payload = row.payload as unknown as DeadLetterPayload;
  return { id: row.id, tenantId: row.tenantId, data: payload.data, busEventId: payload.busEventId, receivedAt };
}

function toDeadLetter(row: DeadLetterEntity): DeadLetter {
  const { id, kind, source, stage, reasons, payload, receivedAt, attempts, lastAttemptAt, resolvedAt, resolvedEventId } = row;
  return { id, kind, source, stage, reasons, payload: JSON.stringify((payload as unknown as DeadLetterPayload).data), receivedAt, attempts, lastAttemptAt, resolvedAt, resolvedEventId };
}

/**
 * The admin's view of the dead-letter store. Dead letters are not tenant-scoped rows (an event may
 * name no tenant, or an unknown one), so the scope is applied here: a tenant admin sees the tenant's,
 * a platform admin outside any tenant sees all of them, those naming no tenant included.
 */
export class DeadLetterService {
  constructor(
    private readonly em: EntityManager,
    private readonly principal: Principal,
    private readonly pipeline: EventIngestor,
    /** By dead-letter kind, for the kinds the pipeline does not ingest. */
    private readonly replayers: Readonly<Record<string, LetterReplayer>> = {},
  ) {}

  private scope(): FilterQuery<DeadLetterEntity> {
    const { tenantId, roles } = this.principal;
    if (tenantId !== null) return { tenantId };
    if (roles.includes('platform_admin')) return {};
    throw new AppError('TENANT_REQUIRED', 'Dead letters belong to a tenant; name one');
  }

  async list(first: number, after: string | null | undefined, includeResolved: boolean): Promise<Connection<DeadLetter>> {
    const limit = checkPageSize(first);
    const offset = decodeCursor(after);
    const where: FilterQuery<DeadLetterEntity> = includeResolved ? this.scope() : { $and: [this.scope(), { resolvedAt: null }] };
    const [rows, total] = await this.em.findAndCount(DeadLetterEntity, where, { orderBy: { receivedAt: 'asc', id: 'asc' }, limit, offset });
    return toConnection(rows.map(toDeadLetter), offset, total);
  }

  /**
   * Sends the dead letters through the pipeline again, as they first arrived (certification letters
   * to the timeline's store). One that passes now is stored (or found already stored) and leaves the
   * list; one that fails again stays, with the new reasons.
   */
  async replay(ids: readonly string[]): Promise<IngestionReport> {
    const unique = [...new Set(ids)];
    if (unique.length === 0 || unique.length > MAX_REPLAY) throw new AppError('BAD_USER_INPUT', `Replay 1 to ${MAX_REPLAY} dead letters at once`, { argument: 'ids' });
    const rows = await this.em.find(DeadLetterEntity, { $and: [this.scope(), { id: { $in: unique.filter((id) => /^[0-9a-f-]{36}$/i.test(id)) } }] });
    const byId = new Map(rows.map((row) => [row.id, row]));
    const missing = unique.filter((id) => !byId.has(id));
    if (missing.length) throw new AppError('NOT_FOUND', `No such dead letters: ${missing.join(', ')}`, { ids: missing });
    const resolved = unique.filter((id) => byId.get(id)!.resolvedAt !== null);
    if (resolved.length) throw new AppError('CONFLICT', `Already replayed and stored: ${resolved.join(', ')}`, { ids: resolved });
    const now = new Date();
    const letters = unique.map((id) => byId.get(id)!);
    const unreplayable = letters.filter((row) => !PIPELINE_KINDS.includes(row.kind) && !this.replayers[row.kind]).map((row) => row.id);
    if (unreplayable.length) throw new AppError('BAD_USER_INPUT', `These dead letters cannot be replayed: ${unreplayable.join(', ')}`, { ids: unreplayable });
    // Positions by destination: the pipeline takes its kinds in one batch, every other kind goes to its replayer.
    const groups = new Map<string | typeof PIPELINE, number[]>();
    letters.forEach((row, index) => {
      const destination = PIPELINE_KINDS.includes(row.kind) ? PIPELINE : row.kind;
      groups.set(destination, [...(groups.get(destination) ?? []), index]);
    });
    const results: ReportedResult[] = new Array(letters.length);
    for (const [destination, positions] of groups) {
      const batch = positions.map((index) => letters[index]!);
      const replayed: readonly ReportedResult[] =
        destination === PIPELINE ? await this.pipeline.ingest(batch.map((row) => pipelineItemOf(row, now))) : await this.replayers[destination]!.replay(batch.map((row) => replayedLetterOf(row, now)));
      positions.forEach((index, i) => {
        results[index] = replayed[i]!;
      });
    }
    return toReport(results);
  }
}
