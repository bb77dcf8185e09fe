import { createHash } from 'node:crypto';
import { LEARNER_EVENT, type LearnerCancellationPayload } from './learner-events';

/** tenancy's audit log stores `audit.recorded` events from every service. */
const AUDIT_RECORDED = 'audit.recorded';

/** A uuid-shaped id derived from the inputs: a redelivered cancellation event audits once. */
function derivedId(...parts: string[]): string {
  const hex = createHash('sha256').update(parts.join('|')).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * The `audit.recorded` event a subgraph enqueues (in the transaction that applied the step) when it
 * has carried out a cancellation step: who asked, when, which step and what this service did.
 * Shaped as a bus DomainEvent; tenancy stores it in the tenant's audit log.
 */
export function cancellationAuditEvent(service: string, type: string, step: LearnerCancellationPayload & { tenantId: string }, summary: string) {
  const action = type === LEARNER_EVENT.deleted ? 'learner.cancellation.delete' : 'learner.cancellation.block';
  return {
    id: derivedId(service, type, step.cancellationId),
    type: AUDIT_RECORDED,
    tenantId: step.tenantId,
    occurredAt: new Date().toISOString(),
    payload: {
      actor: step.actor,
      authMethod: 'event',
      tenantId: step.tenantId,
      action,
      target: `learner/${step.learnerId}`.slice(0, 300),
      outcome: 'success' as const,
      requestId: step.cancellationId,
      reason: `${service}: ${summary}`.slice(0, 500),
      at: new Date().toISOString(),
    },
  };
}
