import { type DomainEvent, newEvent } from '@academy/event-bus';
import type { Principal } from '@academy/service-kit';

/** Tenancy stores these in the audit log (`auditLog` for tenant admins); the payload never holds a CURP. */
export const AUDIT_RECORDED = 'audit.recorded';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface AuditRecord {
  action: string;
  target: string;
  outcome: 'success' | 'failure';
  /** The error code and message of a failure. */
  reason?: string;
}

/** The `audit.recorded` event of one action, filed under the caller's tenant (tenancy's ids are uuids). */
export function auditRecorded(principal: Principal, record: AuditRecord): DomainEvent {
  const tenantId = principal.tenantId !== null && UUID.test(principal.tenantId) ? principal.tenantId : null;
  return newEvent(AUDIT_RECORDED, tenantId, {
    actor: principal.subject ?? 'anonymous',
    authMethod: principal.authMethod,
    tenantId,
    action: record.action,
    target: record.target.slice(0, 300),
    outcome: record.outcome,
    requestId: principal.requestId,
    ...(record.reason !== undefined && { reason: record.reason.slice(0, 500) }),
    at: new Date().toISOString(),
  });
}
