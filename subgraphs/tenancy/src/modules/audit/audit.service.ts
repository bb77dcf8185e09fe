import { newEvent } from '@academy/event-bus';
import type { Logger, Principal } from '@academy/service-kit';
import { checkPageSize, type Connection, decodeCursor, toConnection } from '@academy/subgraph-kit';
import type { EntityManager, FilterQuery } from '@mikro-orm/core';
import { isPlatformAdmin } from '../../authorization/principal-policy';
import { isTenantId } from '../../common/tenant-id';
import { type AuditOutcomeValue, type AuditRecordedPayload, EVENT, type TenancyEventPublisher } from '../../events';
import { AuditEntryEntity } from './audit-entry.entity';
import { auditRowOf, storeAuditEntry } from './audit-entry.store';
import type { AuditEntry, AuditOutcome } from './audit-entry.type';

type Args = Record<string, unknown>;

/** How an administrative mutation is described in the audit log. */
export interface AuditSpec {
  /** e.g. `tenant.update`. */
  action: string;
  /** What the action is on, from the arguments and, on success, the result; never a secret. */
  target(args: Args, result?: unknown): string;
  /** The tenant concerned when it is not the caller's own (tenant mutations by platform admins). */
  tenantId?(args: Args, result?: unknown): string | null | undefined;
}

export interface AuditOutcomeDetails {
  outcome: AuditOutcomeValue;
  result?: unknown;
  reason?: string;
}

function toAuditEntry(row: AuditEntryEntity): AuditEntry {
  return { ...row, outcome: row.outcome.toUpperCase() as AuditOutcome };
}

export class AuditService {
  constructor(
    private readonly em: EntityManager,
    private readonly principal: Principal,
    private readonly events: TenancyEventPublisher,
    private readonly logger: Logger,
  ) {}

  /**
   * Stores the entry (in its own EntityManager: the request's may hold a failed flush) and publishes
   * `audit.recorded`. Never throws: auditing must not change the outcome it records.
   */
  async record(spec: AuditSpec, args: Args, details: AuditOutcomeDetails): Promise<void> {
    const p = this.principal;
    try {
      // A denied or failed attempt is filed under the caller's tenant, so another tenant's log never
      // shows who probed it; successful actions (and any platform admin's) under the tenant concerned.
      const concerned = details.outcome === 'success' || isPlatformAdmin(p) ? spec.tenantId?.(args, details.result) : undefined;
      const candidate = concerned ?? p.tenantId;
      const tenantId = candidate !== null && isTenantId(candidate) ? candidate : null;
      const payload: AuditRecordedPayload = {
        actor: p.subject ?? 'anonymous',
        authMethod: p.authMethod,
        tenantId,
        action: spec.action,
        target: spec.target(args, details.result),
        outcome: details.outcome,
        requestId: p.requestId,
        ...(details.reason !== undefined && { reason: details.reason }),
        at: new Date().toISOString(),
      };
      const event = newEvent(EVENT.auditRecorded, tenantId, payload);
      const row = auditRowOf(event);
      if ('problems' in row) throw new Error(`unstorable audit entry: ${row.problems.join('; ')}`);
      await storeAuditEntry(this.em.fork(), row);
      await this.events.auditRecorded(event);
    } catch (error) {
      this.logger.error({ err: error, action: spec.action }, 'could not record an audit entry');
    }
  }

  /** Newest first; a tenant admin sees their tenant's entries, a platform admin everyone's. */
  async list(first: number, after: string | null | undefined, action?: string | null): Promise<Connection<AuditEntry>> {
    const offset = decodeCursor(after);
    const scope: FilterQuery<AuditEntryEntity> = isPlatformAdmin(this.principal) ? {} : { tenantId: this.principal.tenantId ?? null };
    const where: FilterQuery<AuditEntryEntity> = { $and: [scope, action ? { action } : {}] };
    const [rows, total] = await this.em.findAndCount(AuditEntryEntity, where, {
      orderBy: { at: 'desc', id: 'desc' },
      limit: checkPageSize(first),
      offset,
    });
    return toConnection(rows.map(toAuditEntry), offset, total);
  }
}
