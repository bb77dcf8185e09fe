import type { EntityManager } from '@mikro-orm/core';
import { enqueueEvent } from '../outbox';
import type { CertificationEntity } from './certification.entity';
import { certificationUpdated } from './certification-events';
import { type CertificationStatusValue, canMove } from './certification-status';

export type TransitionFields = Partial<Pick<CertificationEntity, 'submissionId' | 'folio' | 'issuedAt' | 'credential' | 'reasonCode' | 'reasonMessage' | 'submittedAt' | 'nextPollAt'>>;

/**
 * Moves a managed certification to `to` inside the caller's transaction and queues its
 * `certification.updated` event in the same transaction, so no change goes unannounced and no event
 * announces a change that rolled back. A REJECTED certification frees its learner and standard.
 */
export function transition(tx: EntityManager, row: CertificationEntity, to: CertificationStatusValue, fields: TransitionFields = {}): void {
  if (!canMove(row.status, to)) throw new Error(`certification ${row.id}: ${row.status} → ${to} is not a valid transition`);
  Object.assign(row, fields, { status: to });
  if (to === 'REJECTED') row.activeKey = null;
  if (to !== 'SUBMITTED') row.nextPollAt = null;
  enqueueEvent(tx, certificationUpdated(row));
}
