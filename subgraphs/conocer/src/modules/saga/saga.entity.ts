import { randomUUID } from 'node:crypto';
import { TenantScoped } from '@academy/subgraph-kit';
import { Entity, Index, type Opt, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import type { SagaInput, SagaStatus, StepRecord } from './saga.types';

/**
 * A certification saga's persisted state: its input, where it stands, and each step's outcome. Every
 * step commits its own effects together with this row, so a restarted process resumes from here.
 */
@Entity({ tableName: 'certification_saga' })
@TenantScoped()
// The sweeper: due sagas of a status.
@Index({ properties: ['status', 'nextAttemptAt'] })
export class SagaEntity {
  @PrimaryKey({ type: 'uuid' }) id: string & Opt = randomUUID();
  @Property({ type: 'string', length: 64 }) tenantId: string;
  /** What started it (a client's request id, or the course completion): the same key never starts a second saga. */
  @Unique() @Property({ type: 'string', length: 300 }) requestKey: string;
  @Property({ type: 'json' }) input: SagaInput;
  @Property({ type: 'string', length: 16 }) status: SagaStatus & Opt = 'RUNNING';
  /** Running: the next step to run. Compensating: the next step to compensate (-1: none left). */
  @Property({ type: 'integer' }) step: number & Opt = 0;
  @Property({ type: 'json' }) steps: StepRecord[];
  @Property({ type: 'uuid', nullable: true }) certificationId: string | null = null;
  /** Why it compensated or failed. */
  @Property({ type: 'json', nullable: true }) failure: { step: string; code: string; message: string } | null = null;
  /** Failed attempts of the current step (or compensation). */
  @Property({ type: 'integer' }) attempts: number & Opt = 0;
  @Property({ type: 'datetime' }) nextAttemptAt: Date & Opt = new Date();
  /** The process driving it, until `lockedUntil`; a crashed owner's lease simply runs out. */
  @Property({ type: 'string', length: 64, nullable: true }) lockedBy: string | null = null;
  @Property({ type: 'datetime', nullable: true }) lockedUntil: Date | null = null;
  @Property({ type: 'datetime' }) createdAt: Date & Opt = new Date();
  @Property({ type: 'datetime', onUpdate: () => new Date() }) updatedAt: Date & Opt = new Date();
  /** Fencing: a process that lost its lease cannot commit a step over the new owner's. */
  @Property({ type: 'integer', version: true }) version: number & Opt;
}
