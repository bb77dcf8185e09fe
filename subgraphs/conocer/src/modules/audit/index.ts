export { AUDIT_RECORDED, type AuditRecord, auditRecorded } from './audit-recorded.event';
export { Audited, type AuditSpec } from './audited.decorator';
