import { randomUUID } from 'node:crypto';
import { type DomainEvent, newEvent } from '@academy/event-bus';
import { CERTIFICATION_UPDATED } from '../src/modules/live';

export interface CertificationChange {
  certificationId: string;
  learnerId: string;
  standardCode: string;
  status: 'PENDING' | 'SUBMITTED' | 'ISSUED' | 'REJECTED';
  folio: string | null;
  reason: string | null;
  occurredAt: string;
}

/** `certification.updated` as conocer publishes it (certification-events.ts), with any field overridden. */
export function certificationUpdated(tenantId: string | null, change: Partial<CertificationChange> = {}): DomainEvent<CertificationChange> {
  return newEvent(CERTIFICATION_UPDATED, tenantId, {
    certificationId: randomUUID(),
    learnerId: 'ana',
    standardCode: 'EC0217.01',
    status: 'PENDING',
    folio: null,
    reason: null,
    occurredAt: new Date().toISOString(),
    ...change,
  });
}

/** A certification's whole way to ISSUED, `step` milliseconds apart from `start`. */
export function certifiedSteps(tenantId: string, learnerId: string, start: Date, step = 60_000, certificationId = randomUUID()): DomainEvent<CertificationChange>[] {
  const at = (i: number) => new Date(start.getTime() + i * step).toISOString();
  return [
    certificationUpdated(tenantId, { certificationId, learnerId, status: 'PENDING', occurredAt: at(0) }),
    certificationUpdated(tenantId, { certificationId, learnerId, status: 'SUBMITTED', occurredAt: at(1) }),
    certificationUpdated(tenantId, { certificationId, learnerId, status: 'ISSUED', folio: `CNC-${certificationId.slice(0, 8)}`, occurredAt: at(2) }),
  ];
}
