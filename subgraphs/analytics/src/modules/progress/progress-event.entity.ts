import { randomUUID } from 'node:crypto';
import { TenantScoped } from '@academy/subgraph-kit';
import { Entity, Index, type Opt, PrimaryKey, Property, Unique } from '@mikro-orm/core';

/** One progress report of a learner in a course; append-only, the aggregates are computed from these rows. */
@Entity({ tableName: 'progress_event' })
// Tenant-owned: reads see only the request's tenant, and a flush refuses rows of another.
@TenantScoped()
// Every read is "this tenant's events, newest first".
@Index({ properties: ['tenantId', 'occurredAt'] })
// Makes client retries idempotent; NULLs never collide, so events without an id are always stored.
@Unique({ properties: ['tenantId', 'clientEventId'] })
export class ProgressEventEntity {
  @PrimaryKey({ type: 'uuid' }) id: string & Opt = randomUUID();
  /** Tenancy's ids are uuids; a string column keeps a malformed id in an `_entities` call from being a database error. */
  @Property({ type: 'string', length: 64 }) tenantId: string;
  @Property({ type: 'string', length: 100 }) learnerId: string;
  @Property({ type: 'string', length: 100 }) courseId: string;
  /** The CONOCER competency standard the course prepares for, e.g. `EC0217.01`. */
  @Property({ type: 'string', length: 10, nullable: true }) standardCode: string | null = null;
  @Property({ type: 'double', runtimeType: 'number' }) percent: number;
  @Property({ type: 'string', length: 100, nullable: true }) clientEventId: string | null = null;
  @Property({ type: 'datetime' }) occurredAt: Date;
  @Property({ type: 'datetime' }) receivedAt: Date & Opt = new Date();
}
