export { AuditEntryEntity } from './audit-entry.entity';
export { auditRowOf, storeAuditEntry } from './audit-entry.store';
export { AuditEntry, AuditOutcome } from './audit-entry.type';
export { auditRecordedHandler } from './audit-recorded.consumer';
export { AuditResolver } from './audit.resolver';
export { AuditService, type AuditSpec } from './audit.service';
export { Audited, auditOutcomeOf, auditSpecOf } from './audited.decorator';
