import { randomUUID } from 'node:crypto';
import { Entity, Index, type Opt, PrimaryKey, Property } from '@mikro-orm/core';

export type SyncMode = 'FULL' | 'INCREMENTAL';
export type SyncTrigger = 'SCHEDULE' | 'MANUAL';
export type SyncJobStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED';

/** One run of the standards sync. The catalog is platform-wide, so jobs carry no tenant. */
@Entity({ tableName: 'standards_sync_job' })
export class StandardsSyncJobEntity {
  @PrimaryKey({ type: 'uuid' }) id: string & Opt = randomUUID();
  @Property({ type: 'string', length: 16 }) mode: SyncMode;
  @Property({ type: 'string', length: 16 }) trigger: SyncTrigger;
  @Index() @Property({ type: 'string', length: 16 }) status: SyncJobStatus & Opt = 'RUNNING';
  /** The principal's subject for manual runs. */
  @Property({ type: 'string', length: 255, nullable: true }) requestedBy: string | null = null;
  /** Incremental runs: the `updatedSince` asked of CONOCER. */
  @Property({ type: 'datetime', nullable: true }) updatedSince: Date | null = null;
  @Index() @Property({ type: 'datetime' }) startedAt: Date & Opt = new Date();
  /** Written with every page: a RUNNING job whose runner died stops being refreshed. */
  @Property({ type: 'datetime' }) heartbeatAt: Date & Opt = new Date();
  @Property({ type: 'datetime', nullable: true }) finishedAt: Date | null = null;
  @Property({ type: 'integer' }) processed: number & Opt = 0;
  @Property({ type: 'integer', nullable: true }) total: number | null = null;
  @Property({ type: 'integer' }) added: number & Opt = 0;
  @Property({ type: 'integer' }) updated: number & Opt = 0;
  @Property({ type: 'integer' }) retired: number & Opt = 0;
  @Property({ type: 'integer' }) unchanged: number & Opt = 0;
  @Property({ type: 'string', length: 32, nullable: true }) failureCode: string | null = null;
  @Property({ type: 'text', nullable: true }) failureMessage: string | null = null;
}
